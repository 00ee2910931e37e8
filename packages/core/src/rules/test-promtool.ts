// The Prometheus reference for threshold rules (tests only, not exported): generated series, the same series as
// `promtool test rules` input, and the firing table promtool reports. Prometheus's rule, `errors > 0.02` with
// `for: 2m`, is evaluated every 15 s on samples scraped every 15 s, with the default 5 m lookback.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seeded } from './test-series.js';
import type { Sample } from './types.js';

/** One sample of a generated series: a number, `NaN`, `_` (no sample) or `stale` (a staleness marker). */
export type PromValue = number | 'NaN' | '_' | 'stale';

/** A generated series. */
export interface PromSeries {
  /** Label value of `series`. */
  name: string;
  /** What the generator put in it. */
  shape: string;
  /** One entry per 15 s step from t = 0. */
  values: PromValue[];
}

/** Seconds between samples and between evaluations. */
export const STEP_S = 15;
/** Samples per generated series (12 minutes). */
export const SAMPLES = 48;
/** Evaluation steps: the samples plus 6 minutes after the last, past the 5 m lookback. */
export const EVAL_STEPS = SAMPLES + 24;

const THRESHOLD = 0.02;

/** A few dozen seeded series: spikes, dips, jitter around the threshold, gaps of every length near the lookback, NaN, staleness. */
export function generateSeries(count = 36, seed = 13): PromSeries[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: PromSeries[] = [];
  const shapes = ['spikes', 'dips', 'jitter', 'gaps', 'nan', 'stale'] as const;
  for (let s = 0; s < count; s++) {
    const shape = shapes[s % shapes.length]!;
    const values: PromValue[] = [];
    const base = shape === 'spikes' ? 0.01 : shape === 'jitter' ? THRESHOLD : 0.03;
    for (let i = 0; i < SAMPLES; i++) {
      const noise = shape === 'jitter' ? (rnd() - 0.5) * 0.012 : (rnd() - 0.5) * 0.004;
      values.push(Math.round((base + noise) * 1e4) / 1e4);
    }
    const at = () => Math.floor(rnd() * SAMPLES);
    const fill = (from: number, length: number, value: PromValue | (() => PromValue)) => {
      for (let i = from; i < Math.min(SAMPLES, from + length); i++)
        values[i] = typeof value === 'function' ? value() : value;
    };
    switch (shape) {
      case 'spikes':
        for (let k = 0; k < 3; k++) fill(at(), 1 + Math.floor(rnd() * 14), () => 0.05);
        break;
      case 'dips':
        for (let k = 0; k < 2; k++) fill(at(), 1 + Math.floor(rnd() * 3), 0.005);
        break;
      case 'gaps':
        // Gaps near the 5 m lookback (20 steps): 19 missing samples is a 5 m gap, 21 is 5 m 30 s.
        fill(Math.floor(rnd() * 16), pick([2, 8, 18, 19, 21, 22, 26]), '_');
        break;
      case 'nan':
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) fill(at(), 1 + Math.floor(rnd() * 2), 'NaN');
        break;
      case 'stale':
        fill(at(), 1, 'stale');
        if (rnd() < 0.5) fill(SAMPLES - 1 - Math.floor(rnd() * 8), 1, 'stale');
        break;
      case 'jitter':
        break;
    }
    if (shape !== 'jitter' && rnd() < 0.4) fill(at(), 1 + Math.floor(rnd() * 2), 'NaN');
    out.push({ name: `s${String(s + 1).padStart(2, '0')}`, shape, values });
  }
  // The one gap rollgate reads differently: 20 missing samples leave 5 m 15 s between two, longer than the
  // lookback, yet every 15 s evaluation still sees a sample (the last at exactly 5 m), so Prometheus keeps the
  // clock; rollgate, which does not know the evaluation times, restarts it.
  out.push({
    name: `s${count + 1}`,
    shape: 'gap-one-step-past-lookback',
    values: [
      ...Array<PromValue>(12).fill(0.05),
      ...Array<PromValue>(20).fill('_'),
      ...Array<PromValue>(16).fill(0.05),
    ],
  });
  return out;
}

/** The series as rollgate samples (t in ms from 0). */
export function toSamples(series: PromSeries): Sample[] {
  const out: Sample[] = [];
  series.values.forEach((v, i) => {
    const t = i * STEP_S * 1000;
    if (v === '_') return;
    if (v === 'stale') out.push({ t, value: null, stale: true });
    else out.push({ t, value: v === 'NaN' ? Number.NaN : v });
  });
  return out;
}

/** Which series fire at each evaluation step: `firing[step]` lists series names. */
export type FiringTable = string[][];

function goDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${s > 0 ? `${s}s` : ''}` : `${s}s`;
}

function parseGoDuration(text: string): number {
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(h|m|s)/g))
    total += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  return total;
}

const RULES = `groups:
- name: rollgate
  rules:
  - alert: Breach
    expr: errors > ${THRESHOLD}
    for: 2m
`;

/** True when promtool runs on this machine. */
export function hasPromtool(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** promtool's version line, for the record. */
export function promtoolVersion(): string {
  return execFileSync('promtool', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
}

/**
 * Runs `promtool test rules` asserting `expected` (series firing per step) and returns what Prometheus fired
 * instead at every step where it differs, as a full table: steps promtool did not complain about fire as expected.
 */
export function promtoolFiring(series: PromSeries[], expected: FiringTable): FiringTable {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-promtool-'));
  try {
    const input = series
      .map(
        (s) =>
          `  - series: 'errors{series="${s.name}"}'\n    values: '${s.values.map((v) => (typeof v === 'number' ? String(v) : v)).join(' ')}'`,
      )
      .join('\n');
    const tests = expected
      .map((names, step) => {
        const alerts = names.map((n) => `\n      - exp_labels: { series: ${n} }`).join('');
        return `  - eval_time: ${goDuration(step * STEP_S)}\n    alertname: Breach\n    exp_alerts:${alerts || ' []'}`;
      })
      .join('\n');
    writeFileSync(join(dir, 'rules.yml'), RULES);
    writeFileSync(
      join(dir, 'test.yml'),
      `rule_files: [rules.yml]\nevaluation_interval: ${STEP_S}s\ntests:\n- interval: ${STEP_S}s\n  input_series:\n${input}\n  alert_rule_test:\n${tests}\n`,
    );
    const run = spawnSync('promtool', ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0 && !output.includes('FAILED')) throw new Error(`promtool failed: ${output}`);
    const actual = expected.map((names) => [...names]);
    for (const block of output.split(/alertname: Breach, time: /).slice(1)) {
      const step = parseGoDuration(block.slice(0, block.indexOf(','))) / STEP_S;
      const got = block.slice(block.indexOf('got:['));
      actual[step] = [...got.matchAll(/series="(s\d+)"/g)].map((m) => m[1]!).sort();
    }
    return actual;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

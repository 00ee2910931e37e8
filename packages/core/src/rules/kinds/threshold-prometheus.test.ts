// Threshold `for` against the real thing: generated series (spikes, dips, jitter, gaps near the lookback, NaN,
// staleness markers) judged by rollgate at every 15 s evaluation and by `promtool test rules` with the equivalent
// alerting rule (`errors > 0.02`, `for: 2m`, Prometheus's default 5 m lookback = the rule's `window: 5m`).
// The firing table promtool reported is committed in packages/core/references/prometheus-for/firing.json; refresh
// it with `UPDATE_REFERENCES=1 npx vitest run packages/core/src/rules/kinds/threshold-prometheus.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ForClock } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../compiled-rules.js';
import { evaluateRollback } from '../evaluate.js';
import {
  EVAL_STEPS,
  type FiringTable,
  generateSeries,
  hasPromtool,
  type PromSeries,
  promtoolFiring,
  promtoolVersion,
  STEP_S,
  toSamples,
} from '../test-promtool.js';

const FILE = new URL('../../../references/prometheus-for/firing.json', import.meta.url);
const series = generateSeries();

if (process.env.UPDATE_REFERENCES) {
  const empty: FiringTable = Array.from({ length: EVAL_STEPS }, () => []);
  const firing = promtoolFiring(series, empty);
  writeFileSync(
    FILE,
    `${JSON.stringify({ promtool: promtoolVersion(), rule: 'errors > 0.02, for: 2m', stepSeconds: STEP_S, series: series.map((s) => JSON.stringify(s)), firing: firing.map((f) => f.join(' ')) }, null, 1)}\n`,
  );
}

const reference = JSON.parse(readFileSync(FILE, 'utf8')) as {
  promtool: string;
  series: string[];
  firing: string[];
};
const promFiring: FiringTable = reference.firing.map((f) => (f === '' ? [] : f.split(' ')));

function rollgateFiring(all: PromSeries[], forClock: ForClock): FiringTable {
  const compiled = compileRules([
    {
      id: 'breach',
      kind: 'threshold',
      metric: 'errors',
      op: '>',
      value: 0.02,
      for: '2m',
      window: '5m',
      forClock,
    },
  ]);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const table: FiringTable = Array.from({ length: EVAL_STEPS }, () => []);
  for (const s of all) {
    const samples = toSamples(s);
    for (let step = 0; step < EVAL_STEPS; step++) {
      const d = evaluateRollback({
        rules: compiled.value,
        series: { errors: samples },
        now: step * STEP_S * 1000,
        hashInputs: false,
      });
      if (d.reasons[0]!.status === 'breach') table[step]!.push(s.name);
    }
  }
  return table;
}

/** (series, step) points where two tables disagree. */
function differences(a: FiringTable, b: FiringTable): string[] {
  const out: string[] = [];
  for (const s of series) {
    for (let step = 0; step < EVAL_STEPS; step++) {
      if (a[step]!.includes(s.name) !== b[step]!.includes(s.name))
        out.push(
          `${s.name} (${s.shape}) at ${step * STEP_S}s: ${a[step]!.includes(s.name) ? 'fires' : 'silent'}`,
        );
    }
  }
  return out;
}

const points = series.length * EVAL_STEPS;
// A gap one step past the lookback: Prometheus keeps the clock, rollgate restarts it and holds back until 2 m
// after the series resumed at 480 s (README: "samples between evaluations").
const HELD_BACK = [480, 495, 510, 525, 540, 555, 570, 585].map(
  (s) => `s37 (gap-one-step-past-lookback) at ${s}s: silent`,
);

describe('threshold `for` against Prometheus (promtool test rules)', () => {
  it('the committed reference holds the series this generator makes', () => {
    expect(reference.series).toEqual(series.map((s) => JSON.stringify(s)));
    expect(promFiring).toHaveLength(EVAL_STEPS);
  });

  it('agrees with the committed promtool firing table at every evaluation but one documented gap', () => {
    const diff = differences(rollgateFiring(series, 'prometheus'), promFiring);
    console.info(`prometheus clock: ${points - diff.length} of ${points} (series, time) points agree`);
    expect(diff).toEqual(HELD_BACK);
  });

  it("forClock: 'samples' (the older reading) differs at NaN, gaps and staleness markers", () => {
    const diff = differences(rollgateFiring(series, 'samples'), promFiring);
    console.info(`samples clock: ${points - diff.length} of ${points} (series, time) points agree`);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.every((d) => /\((gaps|nan|stale|spikes|dips)\)/.test(d))).toBe(true);
  });

  it.runIf(hasPromtool() || process.env.CI)(
    'promtool itself finds no other evaluation where rollgate differs',
    () => {
      const mine = rollgateFiring(series, 'prometheus');
      expect(differences(mine, promtoolFiring(series, mine))).toEqual(HELD_BACK);
    },
  );
});

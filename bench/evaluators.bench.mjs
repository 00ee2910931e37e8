// Rollback-rule evaluator benchmark: the preset rules over 10 k, 100 k and 1 M samples, against a plain
// summing loop over the same Float64Array in the same run. Uses the BUILT @rollgate/core:
//
//   pnpm --filter @rollgate/contract build && pnpm --filter @rollgate/core build
//   node bench/evaluators.bench.mjs            # prints the table, updates BENCHMARKS.md "## Evaluators"
//   node bench/evaluators.bench.mjs --no-write # prints only
//   BENCH_QUICK=1 node bench/evaluators.bench.mjs   # smoke run: a few rounds per size
//
// Each size spreads its samples evenly over the 7 preset series (errors, success, p95 canary + baseline,
// health-check failure rate, consecutive health-check failures, contract-test failures), all inside the
// last 5 minutes, so every rule scans its whole window. Timings are medians of repeated runs after warm-up.
// Beside them: sha256 over the same bytes the decision's inputHash reads (every sample's time and value as
// little-endian float64, as rules/hash.ts feeds them), so the hash's share of an evaluation is visible.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  CANARY_ERROR_RATE_EXCEEDS_THRESHOLD,
  CONTRACT_DEFAULT_RULES,
  compileRules,
  evaluateRollback,
  HEALTHCHECK_FAILURE_BREACH,
} from '@rollgate/core/rules';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = [10_000, 100_000, 1_000_000];
// Evaluation with hash against (sha256 alone + evaluation without hash): the hash should add little beyond itself.
const HASH_OVERHEAD_TARGET = 1.2;
const NOW = Date.UTC(2025, 9, 2, 12, 0, 0);
const SPAN_MS = 300_000;
const RULES = {
  schema_version: '1.0.0',
  name: 'presets',
  rules: [...CONTRACT_DEFAULT_RULES.rules, CANARY_ERROR_RATE_EXCEEDS_THRESHOLD, HEALTHCHECK_FAILURE_BREACH],
};
// Parsed and compiled once, as a controller that evaluates every minute would hold them.
const COMPILED = compileRules(RULES);
if (!COMPILED.ok) throw new Error(`preset rules do not compile: ${JSON.stringify(COMPILED.issues)}`);
// metric, side, value generator (healthy canary: the decision must be `promote`).
const SERIES = [
  ['http.server.errors.rate', null, (r) => 0.005 + 0.01 * r],
  ['http.server.success.rate', null, (r) => 0.99 + 0.009 * r],
  ['http.server.duration.p95', 'canary', (r) => 100 + 20 * r],
  ['http.server.duration.p95', 'baseline', (r) => 100 + 20 * r],
  ['healthcheck.failures.rate', null, (r) => 0.01 * r],
  ['healthcheck.consecutive_failures', null, (r) => (r < 0.01 ? 1 : 0)],
  ['contract_test.failures', null, () => 0],
];

// Deterministic data (mulberry32), so every run measures the same input.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeInput(total) {
  const times = new Float64Array(total);
  const values = new Float64Array(total);
  const random = rng(42);
  const per = Math.floor(total / SERIES.length);
  const series = {};
  let offset = 0;
  SERIES.forEach(([metric, side, gen], k) => {
    const m = k === SERIES.length - 1 ? total - offset : per;
    for (let i = 0; i < m; i++) {
      times[offset + i] = NOW - SPAN_MS + ((i + 1) * SPAN_MS) / m;
      values[offset + i] = gen(random());
    }
    const columns = { t: times.subarray(offset, offset + m), value: values.subarray(offset, offset + m) };
    if (side) series[metric] = { ...series[metric], [side]: columns };
    else series[metric] = columns;
    offset += m;
  });
  return { times, values, series };
}

// The same samples as { t, value } objects: the convenient input shape, for comparison.
function asObjects(series) {
  const conv = (c) => Array.from(c.t, (t, i) => ({ t, value: c.value[i] }));
  const out = {};
  for (const [metric, entry] of Object.entries(series)) {
    out[metric] = 't' in entry ? conv(entry) : { canary: conv(entry.canary), baseline: conv(entry.baseline) };
  }
  return out;
}

// The bytes inputHash reads, hashed alone: each series' time and value columns as they are passed (sorted,
// finite, no -0, so rules/hash.ts hashes these very views without a copy). The few JSON header lines it also
// hashes (rules, now, one per series) are left out: they are constant per call and a few hundred bytes.
function sha256Alone(series) {
  const hash = createHash('sha256');
  const update = (c) => {
    hash.update(new Uint8Array(c.t.buffer, c.t.byteOffset, c.t.byteLength));
    hash.update(new Uint8Array(c.value.buffer, c.value.byteOffset, c.value.byteLength));
  };
  for (const entry of Object.values(series)) {
    if ('t' in entry) update(entry);
    else {
      update(entry.canary);
      update(entry.baseline);
    }
  }
  return hash.digest('hex');
}

function sumLoop(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

let sink = 0;
function timeOnce(fn) {
  const t0 = process.hrtime.bigint();
  const out = fn();
  const t1 = process.hrtime.bigint();
  sink += typeof out === 'number' ? out : typeof out === 'string' ? out.length : out.reasons.length;
  return Number(t1 - t0) / 1e6;
}

const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Rounds interleave the summing loop with every mode, so both see the same machine load (the host is shared);
// the ratio is the median of per-round ratios.
function measure(values, modes, rounds) {
  const sum = [];
  const per = modes.map(() => ({ ms: [], ratio: [] }));
  for (let r = 0; r < rounds; r++) {
    // Several summing runs per round: one run of 10 k values is too short to time alone.
    const s = mid([
      timeOnce(() => sumLoop(values)),
      timeOnce(() => sumLoop(values)),
      timeOnce(() => sumLoop(values)),
    ]);
    sum.push(s);
    modes.forEach(([, fn], k) => {
      const ms = timeOnce(fn);
      per[k].ms.push(ms);
      per[k].ratio.push(ms / s);
    });
  }
  // Per-round times are kept too: ratios between modes are taken round by round, as the summing loop's are.
  return {
    sumMs: mid(sum),
    modes: per.map((p) => ({ ms: mid(p.ms), ratio: mid(p.ratio), rounds: p.ms })),
  };
}

function fmtRate(samples, ms) {
  const perS = samples / (ms / 1000);
  return perS >= 1e9 ? `${(perS / 1e9).toFixed(2)} G` : `${(perS / 1e6).toFixed(1)} M`;
}

const SHA_ALONE = 'sha256 of the same bytes alone';
const rows = [];
for (const total of SIZES) {
  const { values, series } = makeInput(total);
  const objects = asObjects(series);
  const reps = QUICK ? 5 : total >= 1_000_000 ? 21 : total >= 100_000 ? 61 : 201;
  const modes = [
    ['columns, no hash', () => evaluateRollback({ rules: RULES, series, now: NOW, hashInputs: false })],
    [
      'compiled rules, columns, no hash',
      () => evaluateRollback({ rules: COMPILED.value, series, now: NOW, hashInputs: false }),
    ],
    ['columns + sha256 inputHash', () => evaluateRollback({ rules: RULES, series, now: NOW })],
    [
      'compiled rules, columns + inputHash',
      () => evaluateRollback({ rules: COMPILED.value, series, now: NOW }),
    ],
    [SHA_ALONE, () => sha256Alone(series)],
    ['{t,value} objects + inputHash', () => evaluateRollback({ rules: RULES, series: objects, now: NOW })],
  ];
  for (const [mode, fn] of modes) {
    if (mode === SHA_ALONE) continue;
    const d = fn();
    if (d.action !== 'promote')
      throw new Error(`expected promote on healthy data, got ${d.action}: ${d.summary}`);
  }
  // Warm-up: JIT every path before measuring.
  for (let w = 0; w < 5; w++) {
    sumLoop(values);
    for (const [, fn] of modes) fn();
  }
  const m = measure(values, modes, reps);
  rows.push({ samples: total, mode: 'summing loop (Float64Array)', ms: m.sumMs, ratio: 1 });
  for (const [k, [mode]] of modes.entries()) rows.push({ samples: total, mode, ...m.modes[k] });
}

const header = '| samples | what | ms (median) | samples/s | × summing loop |';
const lines = [header, '|---:|---|---:|---:|---:|'];
for (const r of rows) {
  lines.push(
    `| ${r.samples.toLocaleString('en-US')} | ${r.mode} | ${r.ms.toFixed(3)} | ${fmtRate(r.samples, r.ms)} | ${r.ratio.toFixed(2)} |`,
  );
}
const table = lines.join('\n');
console.log(table);
if (sink === 0.5) console.log(sink); // keeps results alive

// The issue's target at 1 M samples: at least 10 M samples/s, and within 3x of the summing loop.
const verdicts = rows
  .filter((r) => r.samples === 1_000_000 && !r.mode.startsWith('summing') && r.mode !== SHA_ALONE)
  .map((r) => {
    const rate = r.samples / (r.ms / 1000);
    const ok = rate >= 10e6 && r.ratio <= 3;
    return `- 1 M samples, ${r.mode}: ${fmtRate(r.samples, r.ms)} samples/s, ${r.ratio.toFixed(2)}× the summing loop — target (≥ 10 M/s and ≤ 3×) ${ok ? 'met' : rate >= 10e6 ? 'met for throughput, not for the 3× ratio' : 'not met'}.`;
  });
// In cache the ratio mixes a fixed cost per call with the per-sample cost; the slope between 10 k and 100 k
// separates them. At 1 M both loops stream from memory, which flatters the ratio on a host with little bandwidth.
const at = (samples, mode) => rows.find((r) => r.samples === samples && r.mode === mode);
const slope = (mode) => (at(100_000, mode).ms - at(10_000, mode).ms) / 90_000;
const sumSlope = slope('summing loop (Float64Array)');
const evalSlope = slope('columns, no hash');
const fixed = at(10_000, 'columns, no hash').ms - evalSlope * 10_000;
const sumRate = (n) => fmtRate(n, at(n, 'summing loop (Float64Array)').ms);
verdicts.push(
  `- In cache (slope from 10 k to 100 k), columns without hash cost ${(evalSlope * 1e6).toFixed(2)} ns per sample vs ${(sumSlope * 1e6).toFixed(2)} ns for the summing loop (${(evalSlope / sumSlope).toFixed(2)}×), plus a fixed ${fixed.toFixed(3)} ms per call (reading 7 rules with the contract, building 7 reasons and their sentences; compiled rules skip the reading), which is why the 10 k and 100 k ratios are higher.`,
  `- At 1 M both loops stream from memory: the summing loop itself drops from ${sumRate(100_000)} to ${sumRate(1_000_000)} samples/s on this host, which narrows the 1 M ratio.`,
);
// Target: the hash adds little beyond sha256 itself (its canonical-form checks, header lines, the digest).
for (const total of SIZES) {
  for (const [withHash, without] of [
    ['columns + sha256 inputHash', 'columns, no hash'],
    ['compiled rules, columns + inputHash', 'compiled rules, columns, no hash'],
  ]) {
    const parts = at(total, SHA_ALONE).ms + at(total, without).ms;
    // Median of per-round ratios: the three runs of a round saw the same machine load.
    const ratio = mid(
      at(total, withHash).rounds.map(
        (ms, r) => ms / (at(total, SHA_ALONE).rounds[r] + at(total, without).rounds[r]),
      ),
    );
    verdicts.push(
      `- ${total.toLocaleString('en-US')} samples, ${withHash}: ${at(total, withHash).ms.toFixed(3)} ms against sha256 alone ${at(total, SHA_ALONE).ms.toFixed(3)} + ${without} ${at(total, without).ms.toFixed(3)} = ${parts.toFixed(3)} ms (medians); ${ratio.toFixed(2)}× (median of per-round ratios) — target ≤ ${HASH_OVERHEAD_TARGET}× ${ratio <= HASH_OVERHEAD_TARGET ? 'met' : `missed by ${((ratio / HASH_OVERHEAD_TARGET - 1) * 100).toFixed(0)}%`}.`,
    );
  }
}
// Issue 8: the 1 M rows within 5% of the figures BENCHMARKS.md held, the 10 k rows (the fixed per-call cost)
// no slower. "Held" is the committed BENCHMARKS.md (HEAD), so an uncommitted trial run is never the reference;
// outside a git checkout, the file as it was before this run overwrote it.
const benchmarksFile = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
function committedOrCurrent() {
  try {
    return execFileSync('git', ['show', 'HEAD:BENCHMARKS.md'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    try {
      return readFileSync(benchmarksFile, 'utf8');
    } catch {
      return '';
    }
  }
}
function previousFigures() {
  const text = committedOrCurrent();
  const from = text.indexOf('<!-- evaluators:start -->');
  const to = text.indexOf('<!-- evaluators:end -->');
  const old = from >= 0 && to > from ? text.slice(from, to) : '';
  const ms = new Map();
  for (const m of old.matchAll(/^\| ([\d,]+) \| ([^|]+) \| ([\d.]+) \| [^|]+ \| ([\d.]+) \|/gm)) {
    ms.set(`${Number(m[1].replaceAll(',', ''))}|${m[2].trim()}`, { ms: Number(m[3]), ratio: Number(m[4]) });
  }
  return { date: /— (\d{4}-\d{2}-\d{2}),/.exec(old)?.[1] ?? null, ms };
}
const previous = previousFigures();
const ISSUE8_ROWS = [
  'columns, no hash',
  'compiled rules, columns, no hash',
  'columns + sha256 inputHash',
  '{t,value} objects + inputHash',
];
const compared = rows
  .filter((r) => (r.samples === 1_000_000 || r.samples === 10_000) && ISSUE8_ROWS.includes(r.mode))
  .filter((r) => previous.ms.has(`${r.samples}|${r.mode}`))
  .map((r) => {
    const before = previous.ms.get(`${r.samples}|${r.mode}`);
    const held = (change) => ((r.samples === 1_000_000 ? change <= 0.05 : change <= 0) ? 'held' : 'not held');
    const pct = (change) => `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%`;
    const msChange = r.ms / before.ms - 1;
    const ratioChange = r.ratio / before.ratio - 1;
    return (
      `${r.samples === 1_000_000 ? '1 M' : '10 k'} ${r.mode} ${before.ms.toFixed(3)} → ${r.ms.toFixed(3)} ms ` +
      `(${pct(msChange)}, ${held(msChange)}), × summing loop ${before.ratio.toFixed(2)} → ${r.ratio.toFixed(2)} ` +
      `(${pct(ratioChange)}, ${held(ratioChange)})`
    );
  });
verdicts.push(
  compared.length === 0
    ? '- Issue 8 (1 M rows within 5%, 10 k rows no slower): no earlier figures in BENCHMARKS.md to compare with.'
    : `- Issue 8 (1 M rows within 5% of the figures the committed BENCHMARKS.md held${previous.date ? `, from ${previous.date}` : ''}, 10 k rows no slower; faster always holds): ${compared.join('; ')}. Machine load moves the ms figures by more than 5% between runs (compare the load averages of the two runs); the "× summing loop" ratio, measured round by round beside the same loop, is the steadier comparison.`,
);
console.log(verdicts.join('\n'));
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const load = os.loadavg()[0].toFixed(1);
const section = [
  '<!-- evaluators:start -->',
  '## Evaluators',
  '',
  `\`node bench/evaluators.bench.mjs\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu}, one core.`,
  '',
  'The preset rules (contract defaults + `canary_error_rate_exceeds_threshold` + `healthcheck_failure_breach`, 7 rules)',
  'evaluated by `evaluateRollback` over N samples spread across their 7 series, all within the last 5 minutes, compared',
  'in the same run with a plain `for` loop summing the same N values from the same Float64Array. Runs are interleaved',
  `(the host is shared: load average ${load} on ${os.cpus().length} cores during this run); ms is the`,
  'median run after warm-up and "× summing loop" the median of per-round ratios.',
  '"columns" passes each series as `{ t: Float64Array, value: Float64Array }` (sorted typed arrays are used without a',
  'copy); "objects" passes `{ t, value }[]`. The sha256 `inputHash` reads every byte of every sample (16 B each), so',
  'it is the largest single cost; `hashInputs: false` skips it for callers that do not record decisions.',
  'Every row but "compiled rules" passes the rule-set document, read with the contract on each call; "compiled rules"',
  'passes what `compileRules` returned once, so no call parses the rules.',
  '"sha256 of the same bytes alone" hashes, with `node:crypto`, the columns the inputHash reads (16 B per sample: time',
  'and value as little-endian float64, the very views the evaluator hashes); the hash also checks each value column for',
  'NaN and -0 (one summing pass) and adds a few hundred bytes of JSON headers, which this row leaves out.',
  `This run took about ${Math.round(performance.now() / 1000)} s${QUICK ? ' (this run: `BENCH_QUICK=1`, 5 rounds per size)' : ''}.`,
  '',
  table,
  '',
  ...verdicts,
  '<!-- evaluators:end -->',
].join('\n');

if (!process.argv.includes('--no-write')) {
  const file = benchmarksFile;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const start = text.indexOf('<!-- evaluators:start -->');
  const end = text.indexOf('<!-- evaluators:end -->');
  if (start >= 0 && end > start) {
    text = text.slice(0, start) + section + text.slice(end + '<!-- evaluators:end -->'.length);
  } else {
    text = `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, text);
  console.log(`updated ${file}`);
}

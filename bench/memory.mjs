// Memory under a dependency that always times out: 1,000,000 checks of a health whose one probe never answers in
// time, against the BUILT @rollgate/core. Heap used after a full GC at the start and at the end (target: within
// 10 MB), RSS, and `process.getActiveResourcesInfo()` sampled through the run (target: flat).
//
//   node bench/memory.mjs                    # ~40 s; BENCH_QUICK=1 ~6 s
//
// Two probes, each on a fresh health in its own `node --expose-gc` child (a fresh heap each; the two run side by
// side, since a run mostly waits on its 1 ms timers): one that ignores its AbortSignal and never settles (a client
// with no timeout of its own on a hung connection), and one that rejects when its signal aborts (fetch and most
// AbortSignal-aware drivers). probeTimeoutMs 1 and cacheTtlMs 0, so no check is answered from a cache.
// Checks run from CONCURRENCY workers, each awaiting one `health.check('readiness')` after the other: concurrent
// checks share the one in-flight run (single flight), so a run serves CONCURRENCY checks and 1,000,000 checks
// make 1,000,000 / CONCURRENCY real probe runs, each with its own timer, AbortController and late promise.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createHealth } from '@rollgate/core';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { resourceTotal, sampleMemory } from './lib/memory-sample.mjs';
import { fixed, thousands } from './lib/stats.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const TOTAL = QUICK ? 100_000 : 1_000_000;
const WARMUP = QUICK ? 5_000 : 20_000;
const CONCURRENCY = 100;
const PROBE_TIMEOUT_MS = 1;
const HEAP_SAMPLES = 10;
const RESOURCE_EVERY = TOTAL / 100;
const HEAP_TARGET_MB = 10;
// Resources in flight at any moment: each pending check holds its deadline timer (one per worker), plus the
// probe run's own timer and a few of the runtime's. More than that would grow with the checks made.
const RESOURCE_SLACK = 5;
const RESOURCE_BOUND = CONCURRENCY + RESOURCE_SLACK;
const MB = 1024 * 1024;

const VARIANTS = [
  {
    label: 'ignores its signal, never settles',
    check: () => new Promise(() => {}),
  },
  {
    label: 'rejects when its signal aborts',
    check: (signal) =>
      new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      ),
  },
];

// Runs `total` checks from CONCURRENCY workers; `each(done)` is called after every check, synchronously.
async function drive(health, total, each) {
  let started = 0;
  let done = 0;
  let unexpected = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const report = await health.check('readiness');
      if (report.status !== 'fail' || !/timeout|deadline/.test(report.error ?? '')) unexpected++;
      done++;
      each?.(done);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return unexpected;
}

async function runVariant(variant) {
  let runs = 0;
  const health = createHealth({
    service: 'bench',
    version: '1.0.0',
    cacheTtlMs: 0,
    probeTimeoutMs: PROBE_TIMEOUT_MS,
  });
  health.register({
    name: 'hung',
    check: (signal) => {
      runs++;
      return variant.check(signal);
    },
  });
  // Warm-up: every code path compiled and every lazy structure built before the first sample.
  await drive(health, WARMUP);
  await sleep(20);
  const start = sampleMemory();
  const runsBefore = runs;
  const heap = [{ checks: 0, ...start }];
  const resources = [resourceTotal(start)];
  const resourceMax = {};
  const began = performance.now();
  const unexpected = await drive(health, TOTAL, (done) => {
    if (done % RESOURCE_EVERY === 0) {
      const info = process.getActiveResourcesInfo();
      resources.push(info.length);
      const counts = {};
      for (const type of info) counts[type] = (counts[type] ?? 0) + 1;
      for (const [type, n] of Object.entries(counts)) resourceMax[type] = Math.max(resourceMax[type] ?? 0, n);
    }
    if (done % (TOTAL / HEAP_SAMPLES) === 0 && done < TOTAL) heap.push({ checks: done, ...sampleMemory() });
  });
  const seconds = (performance.now() - began) / 1000;
  // Let the last run's timer fire and its late promise settle (or not) before the final look.
  await sleep(20);
  const end = sampleMemory();
  heap.push({ checks: TOTAL, ...end });
  resources.push(resourceTotal(end));
  await health.close();
  return {
    seconds,
    runs: runs - runsBefore,
    unexpected,
    start,
    end,
    heap,
    resources,
    resourceMax,
  };
}

// Runs variant `index` in a `node --expose-gc` child and resolves its result (the child prints it as JSON).
function runChild(index) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), `--variant=${index}`],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`variant ${index} exited with ${code}`)),
    );
  });
}

const mb = (bytes) => fixed(bytes / MB, 1);
const signed = (bytes) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;
const types = (counts) =>
  Object.keys(counts).length === 0
    ? 'none'
    : Object.entries(counts)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ');

async function main() {
  const machine = machineLine();
  const began = performance.now();
  const results = (await Promise.all(VARIANTS.map((_, i) => runChild(i)))).map((r, i) => ({
    ...r,
    variant: VARIANTS[i],
  }));
  for (const r of results) {
    console.error(
      `${r.variant.label}: ${thousands(TOTAL)} checks in ${fixed(r.seconds)} s, heap ${mb(r.start.heapUsed)} → ${mb(r.end.heapUsed)} MB`,
    );
  }
  const verdicts = results.map((r) => {
    const heapGrowth = r.end.heapUsed - r.start.heapUsed;
    const heapOk = heapGrowth <= HEAP_TARGET_MB * MB;
    const startCount = resourceTotal(r.start);
    const maxDuring = Math.max(...r.resources);
    // The first and second half of the run's looks: a leak shows as a higher second half.
    const during = r.resources.slice(1, -1);
    const half = Math.floor(during.length / 2);
    const firstHalfMax = Math.max(...during.slice(0, half));
    const secondHalfMax = Math.max(...during.slice(half));
    const resourcesOk =
      resourceTotal(r.end) <= startCount &&
      maxDuring <= startCount + RESOURCE_BOUND &&
      secondHalfMax <= firstHalfMax + RESOURCE_SLACK;
    return { heapGrowth, heapOk, startCount, maxDuring, firstHalfMax, secondHalfMax, resourcesOk };
  });
  const summary = table(
    [
      'probe',
      'checks',
      'real probe runs',
      's',
      'heap used after GC, start → end MB',
      `Δ heap (≤ ${HEAP_TARGET_MB} MB)`,
      'RSS start → end MB',
      'external start → end MB',
      'active resources start / max 1st half / max 2nd half / end',
      'flat',
      'reports not a timeout failure',
    ],
    results.map((r, i) => {
      const v = verdicts[i];
      return [
        r.variant.label,
        thousands(TOTAL),
        thousands(r.runs),
        fixed(r.seconds),
        `${mb(r.start.heapUsed)} → ${mb(r.end.heapUsed)}`,
        `${signed(v.heapGrowth)}, ${v.heapOk ? 'met' : 'missed'}`,
        `${mb(r.start.rss)} → ${mb(r.end.rss)}`,
        `${mb(r.start.external)} → ${mb(r.end.external)}`,
        `${v.startCount} / ${v.firstHalfMax} / ${v.secondHalfMax} / ${resourceTotal(r.end)}`,
        v.resourcesOk ? 'met' : 'missed',
        thousands(r.unexpected),
      ];
    }),
  );
  const traces = results.map(
    (r) =>
      `- ${r.variant.label}: heap used after GC every ${thousands(TOTAL / HEAP_SAMPLES)} checks, MB: ` +
      `${r.heap.map((h) => mb(h.heapUsed)).join(', ')}; RSS, MB: ${r.heap.map((h) => mb(h.rss)).join(', ')}. ` +
      `Active resources at the start: ${types(r.start.resources)}; at the end: ${types(r.end.resources)}; ` +
      `largest count per type in the ${r.resources.length - 2} looks during the run: ${types(r.resourceMax)}.`,
  );
  const failed = verdicts.some((v) => !v.heapOk || !v.resourcesOk);
  const markdown = [
    '## Memory',
    '',
    `${thousands(TOTAL)} checks of a health whose one probe times out every time (probeTimeoutMs ${PROBE_TIMEOUT_MS}, ` +
      `cacheTtlMs 0), each probe on a fresh health in its own process (the two side by side), after ${thousands(WARMUP)} warm-up checks. ${CONCURRENCY} workers ` +
      "each await one `health.check('readiness')` after the other; concurrent checks share the in-flight run (single " +
      `flight), so every ${CONCURRENCY} checks make one real probe run with its own timer, AbortController and late ` +
      'promise. Heap, external and RSS are read after two full GCs (`node --expose-gc`), at the start, every ' +
      `${thousands(TOTAL / HEAP_SAMPLES)} checks and at the end (20 ms after the last check, so the last timer has ` +
      `fired); \`process.getActiveResourcesInfo()\` is read every ${thousands(RESOURCE_EVERY)} checks. "flat": ` +
      `nothing more at the end than at the start; during the run never more than ${RESOURCE_BOUND} above the start ` +
      `(each of the ${CONCURRENCY} pending checks holds its deadline timer, plus the probe run's timer) and the ` +
      `second half's largest count within ${RESOURCE_SLACK} of the first half's. ` +
      `Run with \`node bench/memory.mjs\`${QUICK ? ' (this run: `BENCH_QUICK=1`, 100,000 checks)' : ''}; ` +
      `this run took ${fixed((performance.now() - began) / 1000, 0)} s.`,
    '',
    machine,
    '',
    summary,
    '',
    ...traces,
    '',
    failed
      ? '**A memory target is missed**: see the row marked missed and its trace above for what grows.'
      : `Both targets met: heap within ${HEAP_TARGET_MB} MB of the start and active resources flat.`,
  ].join('\n');
  writeSection('memory', markdown);
  console.log(markdown);
}

const child = process.argv.find((a) => a.startsWith('--variant='));
if (child === undefined) await main();
else
  process.stdout.write(JSON.stringify(await runVariant(VARIANTS[Number(child.slice('--variant='.length))])));

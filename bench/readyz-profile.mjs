// Where a cached /readyz answer spends its time: the rollgate Fastify plugin against a bare Fastify route, and the
// node:http handler against bare node:http, each server under `node --cpu-prof` in its own process, driven by
// autocannon. Self time in the measured window is summed by category (bench/lib/profile-categories.mjs: one
// ordered table of source-file and function-name rules) and divided by the requests served in that window.
// The .cpuprofile files stay in the printed folder for a flame graph (Chrome DevTools → Performance → load).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask, startServer, stopServer } from './lib/child-server.mjs';
import { summariseProfile } from './lib/cpu-profile.mjs';
import { drive } from './lib/load.mjs';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { CATEGORIES } from './lib/profile-categories.mjs';
import { fixed, thousands } from './lib/stats.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = 10;
// Whole seconds: autocannon rounds a duration up.
const WARMUP_S = 1;
const SECONDS = QUICK ? 1 : 4;
const INTERVAL_US = 100;
const TOP = 12;
const OUT_DIR = join(tmpdir(), 'rollgate-readyz-profile');

/** Pairs compared: the bare route of a framework, then rollgate on it. */
const PAIRS = [
  { title: 'Fastify', bare: 'fastify-baseline', rollgate: 'rollgate-fastify', label: 'Fastify plugin' },
  { title: 'node:http', bare: 'node-baseline', rollgate: 'rollgate-node', label: 'node handler' },
];

async function profileOne(kind) {
  const execArgv = [
    '--cpu-prof',
    `--cpu-prof-dir=${OUT_DIR}`,
    `--cpu-prof-name=${kind}.cpuprofile`,
    `--cpu-prof-interval=${INTERVAL_US}`,
  ];
  const server = await startServer(kind, {}, execArgv);
  try {
    await drive(server.url, { connections: CONNECTIONS, duration: WARMUP_S });
    const from = await ask(server.child, { type: 'mark' });
    const run = await drive(server.url, { connections: CONNECTIONS, duration: SECONDS });
    const to = await ask(server.child, { type: 'mark' });
    return { kind, run, fromUs: from.us, toUs: to.us, cpuUs: to.cpuUs - from.cpuUs };
  } finally {
    await stopServer(server);
  }
}

function analyse({ kind, run, fromUs, toUs, cpuUs }) {
  const file = join(OUT_DIR, `${kind}.cpuprofile`);
  // Counted in samples, not sample intervals: a thread that waited for a core (this machine is shared) takes
  // one late sample whose interval is mostly waiting, so counts follow CPU time where intervals follow wall time.
  let summary = summariseProfile(file, fromUs, toUs, { bySamples: true });
  // The marks come from the child's process.hrtime, the profile from V8's clock: both are CLOCK_MONOTONIC on
  // Linux. Should they ever disagree, the whole profile (start-up and warm-up included) is the fallback.
  const aligned = fromUs >= summary.startUs && toUs <= summary.endUs + 1e6;
  if (!aligned) summary = summariseProfile(file, undefined, undefined, { bySamples: true });
  // Each category gets its share of the non-idle samples of the process's measured CPU time in the window
  // (process.cpuUsage, all threads).
  const idle = summary.byCategory.get('idle') ?? 0;
  const busySamples = summary.totalUs - idle;
  const busyUs = cpuUs;
  const perRequest = (samples) => (samples / busySamples) * (busyUs / run.total);
  const idleShare = idle / summary.totalUs;
  console.error(
    `  ${kind}: ${thousands(run.total)} requests, ${fixed(busyUs / run.total, 1)} µs CPU/request, ` +
      `${fixed(idleShare * 100, 0)}% idle${aligned ? '' : ' (clock not aligned: whole profile)'}`,
  );
  return { kind, run, summary, perRequest, busyUs, idleShare, aligned };
}

function signed(value) {
  return `${value >= 0 ? '+' : ''}${fixed(value, 2)}`;
}

function categoryTable(pair, bare, rollgate) {
  const rows = [];
  for (const category of CATEGORIES.filter((c) => c !== 'idle')) {
    const a = bare.perRequest(bare.summary.byCategory.get(category) ?? 0);
    const b = rollgate.perRequest(rollgate.summary.byCategory.get(category) ?? 0);
    if (a < 0.05 && b < 0.05) continue;
    rows.push([category, fixed(a, 2), fixed(b, 2), signed(b - a)]);
  }
  const busyA = bare.busyUs / bare.run.total;
  const busyB = rollgate.busyUs / rollgate.run.total;
  rows.push([
    '**CPU per request (process.cpuUsage)**',
    `**${fixed(busyA, 2)}**`,
    `**${fixed(busyB, 2)}**`,
    `**${signed(busyB - busyA)}**`,
  ]);
  rows.push([
    'share of the window idle (waiting for requests)',
    `${fixed(bare.idleShare * 100, 0)}%`,
    `${fixed(rollgate.idleShare * 100, 0)}%`,
    '',
  ]);
  rows.push([
    'requests/s under the profiler',
    thousands(bare.run.reqPerSec),
    thousands(rollgate.run.reqPerSec),
    `${fixed(rollgate.run.reqPerSec / bare.run.reqPerSec, 2)}×`,
  ]);
  return table(['category', `bare ${pair.title} µs/req`, `rollgate ${pair.label} µs/req`, 'Δ µs/req'], rows);
}

function topFunctions(result) {
  const rows = [...result.summary.byFunction]
    .filter(([key]) => !key.startsWith('idle\t'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([key, us]) => {
      const [category, name] = key.split('\t');
      return [`\`${name.replaceAll('`', "'")}\``, category, fixed(result.perRequest(us), 2)];
    });
  return table(['function (source)', 'category', 'self µs/req'], rows);
}

async function main() {
  const started = Date.now();
  const machine = machineLine();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const results = new Map();
  for (const pair of PAIRS) {
    for (const kind of [pair.bare, pair.rollgate]) results.set(kind, analyse(await profileOne(kind)));
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const sections = PAIRS.flatMap((pair) => {
    const bare = results.get(pair.bare);
    const rollgate = results.get(pair.rollgate);
    return [
      `### rollgate ${pair.label} against a bare ${pair.title} route`,
      '',
      categoryTable(pair, bare, rollgate),
      '',
      `Top ${TOP} functions by self time, rollgate ${pair.label}:`,
      '',
      topFunctions(rollgate),
      '',
    ];
  });
  const markdown = [
    '## Profile of a cached /readyz',
    '',
    `Each server runs alone in its own process under \`node --cpu-prof --cpu-prof-interval=${INTERVAL_US}\` ` +
      `(three probes that resolve at once, \`cacheTtlMs\` 1000, so every answer but one a second is a cache hit); ` +
      `autocannon drives it with ${CONNECTIONS} keep-alive connections for a ${WARMUP_S} s warm-up, then ` +
      `${SECONDS} s measured. The server's CPU time in the measured window (\`process.cpuUsage()\`, every thread) ` +
      'divided by the requests answered in it is the "CPU per request" row; each category gets the share of it ' +
      'that its functions have among the non-idle samples of the window, counted in samples, not sample ' +
      'intervals (an interval is wall time, and a process waiting for a core on this shared machine takes one ' +
      'late sample with a long interval, mostly inside the socket write that woke the load generator). ' +
      'Categories come from one ordered ' +
      "table of rules on each function's source file (rollgate's dist mapped back to its TypeScript through the " +
      'source maps) and name, in `bench/lib/profile-categories.mjs`; V8 builtins and C++ bindings (JSON.stringify) ' +
      'count for their caller, except the socket write syscalls, which have a row of their own; "idle" is the share of the window the server waited for the load ' +
      'generator, which shares the 2 cores. The profiler slows every row alike: read the Δ column. ' +
      `Took ${seconds} s. Run with \`node bench/readyz-profile.mjs\` (profiles kept in \`${OUT_DIR}\`)` +
      `${QUICK ? '; BENCH_QUICK=1: smoke run, not comparable' : ''}.`,
    '',
    machine,
    '',
    ...sections,
  ].join('\n');
  writeSection('readyz-profile', markdown);
  console.log(markdown);
  console.error(
    `profiles: ${readdirSync(OUT_DIR)
      .map((f) => join(OUT_DIR, f))
      .join(', ')}`,
  );
}

await main();

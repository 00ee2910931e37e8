// GET /readyz throughput and latency at 10 and 50 keep-alive connections: rollgate's node handler, Fastify
// plugin and Express router against @fastify/under-pressure, terminus and lightship, beside a bare route of each
// framework, in the same run. Each server runs in its own child process; autocannon drives it from this one.
// Each rollgate row is read against its own framework's bare route; the targets are ≥ 0.95× for the Fastify
// plugin and the node handler at both connection counts.
import { cpuTime, probeCalls, resetCalls, startServer, stopServer } from './lib/child-server.mjs';
import { drive, non2xx } from './lib/load.mjs';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median, percentile, thousands } from './lib/stats.mjs';
import { targetLine } from './lib/targets.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const LEVELS = [10, 50];
// autocannon counts whole seconds (it rounds a duration of 1.2 up to 2).
const ROUND_S = Math.max(1, Math.round(Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 1)));
const ROUNDS = QUICK ? 1 : 4;
const WARMUP_S = 1;
const TARGET = 0.95;

/** Rows of the table, in order; `baseline` names the row each one is compared with. */
const KINDS = [
  { kind: 'node-baseline', label: 'baseline: node:http, constant JSON', how: 'no check', group: 'node' },
  {
    kind: 'rollgate-node',
    group: 'node',
    label: 'rollgate, `@rollgate/adapters/node` on node:http',
    how: 'single flight, cached 1000 ms',
    baseline: 'node-baseline',
    target: true,
  },
  {
    kind: 'terminus',
    group: 'node',
    label: '@godaddy/terminus on node:http',
    how: 'every request',
    baseline: 'node-baseline',
  },
  {
    kind: 'fastify-baseline',
    label: 'baseline: Fastify route, constant JSON',
    how: 'no check',
    group: 'fastify',
  },
  {
    kind: 'rollgate-fastify',
    group: 'fastify',
    label: 'rollgate, `@rollgate/adapters/fastify`',
    how: 'single flight, cached 1000 ms',
    baseline: 'fastify-baseline',
    target: true,
  },
  {
    kind: 'under-pressure',
    group: 'fastify',
    label: '@fastify/under-pressure status route',
    how: 'every request',
    baseline: 'fastify-baseline',
  },
  {
    kind: 'lightship',
    group: 'fastify',
    label: 'lightship, own Fastify server (`/ready`)',
    how: 'flag; host runs checks every 1000 ms',
    baseline: 'fastify-baseline',
  },
  {
    kind: 'express-baseline',
    group: 'express',
    label: 'baseline: hand-written Express 5 route (`await check(); res.json()`)',
    how: 'every request',
  },
  {
    kind: 'rollgate-express',
    group: 'express',
    label: 'rollgate, `@rollgate/adapters/express` router',
    how: 'single flight, cached 1000 ms',
    baseline: 'express-baseline',
  },
];

// One autocannon run against a server that is already warm; counts probe runs and the server's CPU time in
// the same window.
async function round(server, connections) {
  await resetCalls(server);
  const before = await cpuTime(server);
  const run = await drive(server.url, { connections, duration: ROUND_S });
  const after = await cpuTime(server);
  const calls = await probeCalls(server);
  return { ...run, probeRuns: calls.postgres ?? 0, cpuPerRequest: (after - before) / run.total };
}

function summarise(rounds) {
  const rates = rounds.map((x) => x.reqPerSec);
  const latencies = rounds.flatMap((x) => x.latencies);
  const seconds = rounds.reduce((sum, x) => sum + x.seconds, 0);
  return {
    reqPerSec: median(rates),
    cpuPerRequest: median(rounds.map((x) => x.cpuPerRequest)),
    minRate: Math.min(...rates),
    maxRate: Math.max(...rates),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bad: rounds.reduce((sum, x) => sum + non2xx(x.statuses) + x.failures, 0),
    probeRunsPerSec: rounds.reduce((sum, x) => sum + x.probeRuns, 0) / seconds,
  };
}

/**
 * Measures every server at `connections`: a warm-up each, then ROUNDS rounds. A round runs the framework groups
 * (node:http, Fastify, Express) in rotating order and, inside a group, its servers in rotating order, so a row
 * and its baseline always run seconds apart: each round gives one ratio per row, taken against the baseline's
 * figure of the same round, and the table shows the median of those ratios. A burst of load from elsewhere on
 * the machine then moves a whole round, not one side of a ratio.
 */
async function measureLevel(servers, connections) {
  for (const server of servers) await drive(server.url, { connections, duration: WARMUP_S });
  const byKind = new Map(servers.map((s) => [s.kind, s]));
  const groups = [...new Set(KINDS.map((k) => k.group))].map((g) =>
    KINDS.filter((k) => k.group === g).map((k) => byKind.get(k.kind)),
  );
  const rounds = new Map(servers.map((s) => [s.kind, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let g = 0; g < groups.length; g++) {
      const group = groups[(g + r) % groups.length];
      for (let k = 0; k < group.length; k++) {
        const server = group[(k + r) % group.length];
        rounds.get(server.kind).push(await round(server, connections));
      }
    }
  }
  const results = new Map();
  for (const spec of KINDS) {
    const own = rounds.get(spec.kind);
    const summary = summarise(own);
    if (spec.baseline) {
      const base = rounds.get(spec.baseline);
      const ratios = own.map((x, i) => x.reqPerSec / base[i].reqPerSec);
      summary.ratio = median(ratios);
      summary.minRatio = Math.min(...ratios);
      summary.maxRatio = Math.max(...ratios);
      // Requests one CPU-second serves, against the baseline's: the throughput ratio of a CPU-bound server,
      // which time spent waiting for a core (the machine's other work) does not move.
      summary.cpuRatio = median(own.map((x, i) => base[i].cpuPerRequest / x.cpuPerRequest));
    }
    results.set(spec.kind, summary);
    console.error(`  ${connections} conns  ${spec.kind}: ${thousands(summary.reqPerSec)} req/s`);
  }
  return results;
}

function ratioOf(spec, results) {
  return results.get(spec.kind).ratio;
}

function rowsFor(results) {
  return KINDS.map((spec) => {
    const r = results.get(spec.kind);
    const ratio = ratioOf(spec, results);
    return [
      spec.label,
      thousands(r.reqPerSec),
      ratio === undefined ? '1 (baseline)' : `${fixed(ratio, 2)}×`,
      ratio === undefined ? '' : `${fixed(r.minRatio, 2)}–${fixed(r.maxRatio, 2)}`,
      fixed(r.cpuPerRequest, 1),
      ratio === undefined ? '1 (baseline)' : `${fixed(r.cpuRatio, 2)}×`,
      `${thousands(r.minRate)}–${thousands(r.maxRate)}`,
      fixed(r.p50, 2),
      fixed(r.p99, 2),
      thousands(r.bad),
      spec.kind.endsWith('baseline') && spec.kind !== 'express-baseline' ? '–' : fixed(r.probeRunsPerSec, 1),
      spec.how,
    ];
  });
}

async function main() {
  const started = Date.now();
  const machine = machineLine();
  const servers = [];
  const byLevel = new Map();
  try {
    for (const spec of KINDS) servers.push(await startServer(spec.kind));
    for (const server of servers) {
      const first = await fetch(server.url);
      const body = await first.text();
      if (first.status !== 200)
        throw new Error(`${server.kind}: GET ${server.url} answered ${first.status} ${body}`);
    }
    for (const connections of LEVELS) byLevel.set(connections, await measureLevel(servers, connections));
  } finally {
    await Promise.all(servers.map(stopServer));
  }

  const header = [
    'server',
    'req/s',
    'vs its baseline',
    'ratio range',
    'server CPU µs/req',
    'CPU vs its baseline',
    'range of rounds',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'probe runs/s',
    'when checks run',
  ];
  const targets = [];
  for (const connections of LEVELS) {
    for (const spec of KINDS.filter((k) => k.target)) {
      const ratio = ratioOf(spec, byLevel.get(connections));
      targets.push(targetLine(`${spec.label} at ${connections} connections, req/s`, ratio, TARGET, '×', 2));
      const cpu = byLevel.get(connections).get(spec.kind).cpuRatio;
      targets.push(
        targetLine(`${spec.label} at ${connections} connections, CPU per request`, cpu, TARGET, '×', 2),
      );
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const markdown = [
    '## /readyz throughput',
    '',
    'autocannon, GET `/readyz` over 10 and then 50 keep-alive connections to 127.0.0.1. Each server runs in its own ' +
      `process; at each connection count every server gets a ${WARMUP_S} s warm-up, then ${ROUNDS} rounds of ` +
      `${ROUND_S} s. In a round the servers of one framework run back to back (frameworks and servers in rotating ` +
      'order), so each round gives a ratio of a row to the bare route of its framework (node:http, Fastify, ' +
      'Express) measured seconds apart; "vs its baseline" is the median of those ratios and "ratio range" their ' +
      'lowest and highest; "req/s" is the median of the rounds and "range of rounds" the slowest and fastest. Every server runs the same three probes (postgres, redis, kafka) that ' +
      'resolve at once; "probe runs/s" counts runs of the postgres probe during the rounds. Latency is per ' +
      'response as autocannon times it, at full precision; "non-2xx" counts non-2xx answers, errors and timeouts ' +
      '(all should be 0). "server CPU µs/req" is the server process\'s CPU time (`process.cpuUsage()`, every ' +
      'thread) per answered request, median of the rounds, and "CPU vs its baseline" the baseline\'s figure over ' +
      "the row's (median of the per-round ratios): the req/s ratio a CPU-bound server would reach, which waiting " +
      'for a core does not move, so it is the steadier figure on a busy machine. The load generator shares the 2 cores with the server, so read the ratios, not the ' +
      'absolute figures. The former "one probe takes 20 ms" table is covered by the fan-out and probe-storm ' +
      `sections. Took ${seconds} s. Run with \`node bench/readyz-throughput.mjs\`${QUICK ? ' (BENCH_QUICK=1: smoke run, not comparable)' : ''}.`,
    '',
    machine,
    '',
    ...LEVELS.flatMap((connections) => [
      `### ${connections} connections`,
      '',
      table(header, rowsFor(byLevel.get(connections))),
      '',
    ]),
    `Targets (≥ ${TARGET}× the framework's bare route, cached healthy answer):`,
    '',
    ...targets.map((line) => `- ${line}`),
  ].join('\n');
  writeSection('readyz-throughput', markdown);
  console.log(markdown);
}

await main();

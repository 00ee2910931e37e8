// GET /readyz throughput and latency: rollgate (node:http handler, Fastify plugin) against under-pressure,
// terminus and lightship, plus constant-body baselines, in the same run. Each server runs in its own child
// process; autocannon drives it from this one.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median, percentile, thousands } from './lib/stats.mjs';

const CONNECTIONS = 10;
const ROUND_S = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 2);
const ROUNDS = 3;
const WARMUP_S = 1;
const SLOW_MS = 20;
const serveScript = new URL('./lib/serve.mjs', import.meta.url);

/** Rows of the table, in order; `how` says when each one runs its checks. */
const KINDS = [
  { kind: 'node-baseline', label: 'baseline: node:http, constant JSON', how: 'no check', probes: false },
  {
    kind: 'rollgate-node',
    label: 'rollgate, `@rollgate/adapters/node` on node:http',
    how: 'single flight, cached 1000 ms',
    probes: true,
  },
  { kind: 'fastify-baseline', label: 'baseline: Fastify, constant JSON', how: 'no check', probes: false },
  {
    kind: 'rollgate-fastify',
    label: 'rollgate, `@rollgate/adapters/fastify`',
    how: 'single flight, cached 1000 ms',
    probes: true,
  },
  {
    kind: 'under-pressure',
    label: '@fastify/under-pressure status route',
    how: 'every request',
    probes: true,
  },
  { kind: 'terminus', label: '@godaddy/terminus on node:http', how: 'every request', probes: true },
  {
    kind: 'lightship',
    label: 'lightship, own server (`/ready`)',
    how: 'flag; host runs checks every 1000 ms',
    probes: true,
  },
];

function request(child, message, replyType) {
  const reply = new Promise((resolve) => {
    const onMessage = (m) => {
      if (m.type === replyType) {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
  });
  child.send(message);
  return reply;
}

async function startServer(kind, slowMs) {
  const child = fork(serveScript, [kind, String(slowMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`server ${kind} exited with ${code} before listening`);
    }),
  ]);
  return { child, url: message.url };
}

async function stopServer(child) {
  const exited = once(child, 'exit');
  child.send({ type: 'close' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

// One autocannon run against a server that is already warm; counts probe runs in the same window.
async function round(server) {
  await request(server.child, { type: 'reset' }, 'reset');
  const started = process.hrtime.bigint();
  // autocannon's own histogram keeps whole milliseconds (most answers here take less than one), so the
  // per-response times it reports are kept at full precision for the percentiles.
  const latencies = [];
  const instance = autocannon({ url: server.url, connections: CONNECTIONS, duration: ROUND_S });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const { calls } = await request(server.child, { type: 'stats' }, 'stats');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    reqPerSec: result.requests.total / seconds,
    latencies,
    non2xx: result.non2xx + result.errors + result.timeouts,
    probeRuns: calls.postgres,
    seconds,
  };
}

/**
 * Measures every kind with the given probe delay. All servers start first and are warmed up; then ROUNDS
 * rounds run each server in turn (rotating the order), so a burst of load from elsewhere on the machine
 * spreads over all rows instead of landing on one.
 */
async function measureAll(specs, slowMs) {
  const servers = [];
  try {
    for (const spec of specs) servers.push(await startServer(spec.kind, slowMs));
    for (const [i, server] of servers.entries()) {
      const first = await fetch(server.url);
      const body = await first.text();
      if (first.status !== 200)
        throw new Error(`${specs[i].kind}: GET ${server.url} answered ${first.status} ${body}`);
      await autocannon({ url: server.url, connections: CONNECTIONS, duration: WARMUP_S });
    }
    const rounds = specs.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < specs.length; k++) {
        const i = (k + r) % specs.length;
        rounds[i].push(await round(servers[i]));
      }
    }
    return specs.map((spec, i) => {
      const all = rounds[i];
      const rates = all.map((x) => x.reqPerSec);
      const latencies = all.flatMap((x) => x.latencies);
      const seconds = all.reduce((sum, x) => sum + x.seconds, 0);
      const r = {
        reqPerSec: median(rates),
        minRate: Math.min(...rates),
        maxRate: Math.max(...rates),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        non2xx: all.reduce((sum, x) => sum + x.non2xx, 0),
        probeRunsPerSec: all.reduce((sum, x) => sum + x.probeRuns, 0) / seconds,
      };
      console.error(`  ${slowMs > 0 ? 'slow' : 'fast'}  ${spec.kind}: ${thousands(r.reqPerSec)} req/s`);
      return { spec, r };
    });
  } finally {
    await Promise.all(servers.map((server) => stopServer(server.child)));
  }
}

function rowsFor(results) {
  return results.map(({ spec, r }) => [
    spec.label,
    thousands(r.reqPerSec),
    `${thousands(r.minRate)}–${thousands(r.maxRate)}`,
    fixed(r.p50, 2),
    fixed(r.p99, 2),
    thousands(r.non2xx),
    spec.probes ? fixed(r.probeRunsPerSec, 1) : '–',
    spec.how,
  ]);
}

async function main() {
  const machine = machineLine();
  const header = [
    'server',
    'req/s',
    'range of rounds',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'probe runs/s',
    'when checks run',
  ];
  const fast = await measureAll(KINDS, 0);
  const slow = await measureAll(
    KINDS.filter((k) => k.probes),
    SLOW_MS,
  );
  const markdown = [
    '## /readyz throughput',
    '',
    `autocannon, ${CONNECTIONS} keep-alive connections to 127.0.0.1, GET. Each server runs in its own process ` +
      `and gets a ${WARMUP_S} s warm-up, then ${ROUNDS} rounds of ${ROUND_S} s, the servers taking turns in ` +
      'rotating order; "req/s" is the median of its rounds and "range" the slowest and fastest round. Every ' +
      'server runs the same three probes (postgres, redis, kafka). "probe runs/s" counts runs of the postgres ' +
      'probe during the measured rounds; ' +
      'latency is per response as autocannon times it (request written to response parsed), at full precision; ' +
      '"non-2xx" counts non-2xx answers, errors and timeouts (all should be 0). The load generator and the ' +
      'server share the machine, so compare rows with the baseline of the same framework, not across machines. ' +
      'Run with `node bench/readyz-throughput.mjs`.',
    '',
    machine,
    '',
    '### Three probes that resolve at once',
    '',
    table(header, rowsFor(fast)),
    '',
    `### One probe takes ${SLOW_MS} ms (as a database round trip would)`,
    '',
    'rollgate runs concurrent checks as one (single flight) and reuses the result for `cacheTtlMs` (1000 ms), ' +
      'so the slow probe runs about once a second whatever the request rate; under-pressure and terminus run ' +
      'the check for every request, so each request waits for it and the dependency sees the full request rate.',
    '',
    table(header, rowsFor(slow)),
  ].join('\n');
  writeSection('readyz-throughput', markdown);
  console.log(markdown);
}

await main();

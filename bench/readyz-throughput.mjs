// GET /readyz throughput and latency: rollgate (node:http handler, Fastify plugin) against under-pressure,
// terminus and lightship, plus constant-body baselines, in the same run. Each server runs in its own child
// process; autocannon drives it from this one.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, percentile, thousands } from './lib/stats.mjs';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 5);
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

async function measure(kind, slowMs) {
  const { child, url } = await startServer(kind, slowMs);
  try {
    const first = await fetch(url);
    const firstBody = await first.text();
    if (first.status !== 200) throw new Error(`${kind}: GET ${url} answered ${first.status} ${firstBody}`);
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
    await request(child, { type: 'reset' }, 'reset');
    const started = process.hrtime.bigint();
    // autocannon's own histogram keeps whole milliseconds (most answers here take less than one), so the
    // per-response times it reports are kept at full precision for the percentiles.
    const latencies = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    const result = await instance;
    const { calls } = await request(child, { type: 'stats' }, 'stats');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      reqPerSec: result.requests.average,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      total: result.requests.total,
      non2xx: result.non2xx + result.errors + result.timeouts,
      probeRunsPerSec: calls.postgres / seconds,
      body: firstBody,
    };
  } finally {
    await stopServer(child);
  }
}

function rowsFor(results) {
  return results.map(({ spec, r }) => [
    spec.label,
    thousands(r.reqPerSec),
    fixed(r.p50, 2),
    fixed(r.p99, 2),
    thousands(r.non2xx),
    spec.probes ? fixed(r.probeRunsPerSec, 1) : '–',
    spec.how,
  ]);
}

async function main() {
  const machine = machineLine();
  const header = ['server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'probe runs/s', 'when checks run'];
  const fast = [];
  for (const spec of KINDS) {
    const r = await measure(spec.kind, 0);
    fast.push({ spec, r });
    console.error(`  fast  ${spec.kind}: ${thousands(r.reqPerSec)} req/s`);
  }
  const slow = [];
  for (const spec of KINDS.filter((k) => k.probes)) {
    const r = await measure(spec.kind, SLOW_MS);
    slow.push({ spec, r });
    console.error(`  slow  ${spec.kind}: ${thousands(r.reqPerSec)} req/s`);
  }
  const markdown = [
    '## /readyz throughput',
    '',
    `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per row after a ${WARMUP_S} s warm-up, GET on ` +
      'keep-alive connections to 127.0.0.1. Every server runs the same three probes (postgres, redis, kafka) ' +
      'in its own process. "probe runs/s" counts runs of the postgres probe during the measured window; ' +
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

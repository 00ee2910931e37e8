// Event delivery cost (@rollgate/core/events, built): how long `await emitter.emit()` takes to be acknowledged by
// the file sink (write + fdatasync per batch, or write only), one emit at a time and with many in flight (group
// commit: one fsync per batch), and how fast the webhook sink drains into a local node:http receiver.
// Writes the `event-delivery` section of BENCHMARKS.md (set BENCH_NO_WRITE=1 to only print it).
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmitter, fileSink, webhookSink } from '@rollgate/core/events';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, percentile, thousands } from './lib/stats.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const T0 = Date.UTC(2025, 9, 2, 12);
const event = (n) => ({
  type: 'health.failed',
  correlation_id: 'bench',
  environment: 'production',
  version: '1.4.0',
  service: 'orders-api',
  timestamp: new Date(T0 + n).toISOString(),
  dependency: 'Redis',
  error: `PING timeout after ${n % 1000}ms`,
});

async function fileRun(fsync, lanes) {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-bench-events-'));
  try {
    const emitter = createEmitter({ sinks: [fileSink({ path: join(dir, 'events.jsonl'), fsync })] });
    const latencies = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < EVENTS) {
          const n = next++;
          const t = performance.now();
          const result = await emitter.emit(event(n));
          if (!result.ok || result.value.sinks.file !== 'delivered') throw new Error('not delivered');
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await emitter.close();
    return { perSecond: EVENTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function webhookRun() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const url = `http://127.0.0.1:${server.address().port}/events`;
    const emitter = createEmitter({ sinks: [webhookSink({ url })], queueSize: EVENTS });
    const latencies = [];
    const started = performance.now();
    for (let n = 0; n < EVENTS; n++) {
      const t = performance.now();
      await emitter.emit(event(n));
      latencies.push(performance.now() - t);
    }
    await emitter.close();
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: EVENTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

// The same receiver driven by bare fetch, one POST at a time: the floor the webhook row stands on.
async function fetchBaseline() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const url = `http://127.0.0.1:${server.address().port}/events`;
    const latencies = [];
    const started = performance.now();
    for (let n = 0; n < EVENTS; n++) {
      const t = performance.now();
      await fetch(url, { method: 'POST', body: JSON.stringify(event(n)) });
      latencies.push(performance.now() - t);
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: EVENTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const rows = [];
for (const [label, run, ack] of [
  ['file, fsync per batch, 1 in flight', () => fileRun('batch', 1), 'written + fdatasync'],
  ['file, fsync per batch, 64 in flight', () => fileRun('batch', 64), 'written + fdatasync'],
  ['file, fsync never, 1 in flight', () => fileRun('never', 1), 'written'],
  ['webhook to a local receiver (204), sequential POSTs', webhookRun, 'queued; events/s is to drained'],
  ['baseline: bare fetch to the same receiver, sequential', fetchBaseline, '(no emitter; p50/p99 per POST)'],
]) {
  const result = await run();
  rows.push([
    label,
    ack,
    thousands(Math.round(result.perSecond)),
    fixed(result.p50, 3),
    fixed(result.p99, 3),
  ]);
  console.log(rows.at(-1).join(' | '));
}

const body = `## Event delivery (@rollgate/core/events)

${machineLine()} ${EVENTS} valid \`health.failed\` events per row, each checked with the contract and wrapped as a
CloudEvent before it is queued; \`node bench/event-delivery.mjs\`. The file rows time \`await emit()\` until the
sink acknowledged it (the durability point); the webhook row's events/s runs until \`close()\` drained every POST.

${table(['sink', 'emit() acknowledges when', 'events/s', 'ack p50 ms', 'ack p99 ms'], rows)}
`;
console.log(`\n${body}`);
if (process.env.BENCH_NO_WRITE !== '1') writeSection('event-delivery', body);

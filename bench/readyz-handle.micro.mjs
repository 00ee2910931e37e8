// In-process cost of the /readyz hot path, per call, against the BUILT packages (run `pnpm run build` first):
//
//   node bench/readyz-handle.micro.mjs                 # prints a table (ns/op, median of rounds)
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/readyz-handle.micro.mjs   # the same, with a CPU profile
//
// Same setup as readyz-throughput.mjs: three probes that resolve at once, cacheTtlMs 1000, so almost every
// call answers from the cache (a real run happens about once a second, as on a real server). Each call is
// awaited before the next, as one keep-alive connection would. Rows:
// - `health.check('readiness')`: the engine's cached answer (report included);
// - `readyz.handle()` with no headers, with the headers autocannon sends, and with a kubelet's headers;
// - `?verbose` and `Accept: application/health+json`, which render the whole report;
// - the node:http handler of `@rollgate/adapters/node` writing to a stand-in response object.
// Then the growth table: µs per `await readyz.handle()` with 1, 10, 100 and 1,000 probes, for a cached
// `/readyz` (cacheTtlMs 1000), an uncached one (cacheTtlMs 0: every call runs every probe, each resolving at
// once) and a cached `/readyz?verbose` (the whole report rendered). A cached answer should cost the same
// whatever the number of probes. Writes both tables to BENCHMARKS.md ("readyz-handle"); ~45 s, BENCH_QUICK=1 ~8 s.
import { rollgateNode } from '@rollgate/adapters/node';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median, thousands } from './lib/stats.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? (QUICK ? 2 : 5));
const ROUND_MS = Number(process.env.BENCH_MICRO_ROUND_MS ?? (QUICK ? 100 : 200));
const WARMUP_MS = QUICK ? 200 : 500;
const GROWTH_PROBES = [1, 10, 100, 1000];
const GROWTH_ROUNDS = QUICK ? 2 : 5;
const GROWTH_ROUND_MS = QUICK ? 100 : 200;
// "Flat" means the cached answer at 1,000 probes costs at most this much more than at 1 probe.
const FLAT_RATIO = 1.5;

function makeHealth() {
  const health = createHealth({ service: 'bench', version: '1.0.0', cacheTtlMs: 1000 });
  for (const name of ['postgres', 'redis', 'kafka']) health.register({ name, check: async () => {} });
  return health;
}

// A stand-in for node:http's ServerResponse: what writeNodeResponse touches, and nothing else.
function fakeResponse() {
  return {
    headersSent: false,
    destroyed: false,
    writableEnded: false,
    writeHead(status, headers) {
      this.status = status;
      this.headers = headers;
      this.headersSent = true;
    },
    end(body) {
      this.body = body;
      this.writableEnded = true;
    },
  };
}

const health = makeHealth();
const readyz = createReadyz(health);
const node = rollgateNode({ health });

const AUTOCANNON_HEADERS = { host: '127.0.0.1:40000' };
const KUBELET_HEADERS = {
  host: '10.1.2.3:8080',
  'user-agent': 'kube-probe/1.30',
  accept: '*/*',
  connection: 'close',
};

const CASES = [
  ["health.check('readiness'), cached", () => health.check('readiness')],
  ['handle() GET /readyz, no headers', () => readyz.handle({ method: 'GET', path: '/readyz' })],
  [
    'handle() GET /readyz, autocannon headers',
    () => readyz.handle({ method: 'GET', path: '/readyz', headers: AUTOCANNON_HEADERS }),
  ],
  [
    'handle() GET /readyz, kubelet headers',
    () => readyz.handle({ method: 'GET', path: '/readyz', headers: KUBELET_HEADERS }),
  ],
  ['handle() GET /readyz?verbose', () => readyz.handle({ method: 'GET', path: '/readyz?verbose' })],
  [
    'handle() GET /readyz, Accept: application/health+json',
    () =>
      readyz.handle({
        method: 'GET',
        path: '/readyz',
        headers: { host: '127.0.0.1', accept: 'application/health+json' },
      }),
  ],
  [
    'rollgateNode() handler, GET /readyz',
    () => node({ method: 'GET', url: '/readyz', headers: AUTOCANNON_HEADERS }, fakeResponse()),
  ],
];

// Calls `fn` back to back for about `ms`, each awaited, `batch` calls between clock reads; returns ns per call.
// An uncached call with 1,000 probes takes milliseconds, so the growth table reads the clock more often.
async function timed(fn, ms, batch = 200) {
  const deadline = performance.now() + ms;
  let calls = 0;
  const started = process.hrtime.bigint();
  while (performance.now() < deadline) {
    for (let i = 0; i < batch; i++) await fn();
    calls += batch;
  }
  return Number(process.hrtime.bigint() - started) / calls;
}

function healthWith(probes, cacheTtlMs) {
  const h = createHealth({ service: 'bench', version: '1.0.0', cacheTtlMs });
  for (let i = 0; i < probes; i++) h.register({ name: `probe-${i}`, check: async () => {} });
  return h;
}

// One cell per (probes, kind); rounds visit every cell in rotating order so load spreads over all of them.
async function growth() {
  const healths = [];
  const cells = [];
  for (const probes of GROWTH_PROBES) {
    const cached = healthWith(probes, 1000);
    const uncached = healthWith(probes, 0);
    healths.push(cached, uncached);
    const cachedReadyz = createReadyz(cached);
    const uncachedReadyz = createReadyz(uncached);
    cells.push(
      { probes, kind: 'cached', fn: () => cachedReadyz.handle({ method: 'GET', path: '/readyz' }) },
      { probes, kind: 'uncached', fn: () => uncachedReadyz.handle({ method: 'GET', path: '/readyz' }) },
      { probes, kind: 'verbose', fn: () => cachedReadyz.handle({ method: 'GET', path: '/readyz?verbose' }) },
    );
  }
  for (const cell of cells) {
    const answer = await cell.fn();
    if (answer.status !== 200)
      throw new Error(`${cell.probes} probes, ${cell.kind}: status ${answer.status}`);
    cell.samples = [];
    await timed(cell.fn, WARMUP_MS / 4, 10);
  }
  for (let r = 0; r < GROWTH_ROUNDS; r++) {
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[(k + r) % cells.length];
      cell.samples.push(await timed(cell.fn, GROWTH_ROUND_MS, 10));
    }
  }
  await Promise.all(healths.map((h) => h.close()));
  const us = (probes, kind) =>
    median(cells.find((c) => c.probes === probes && c.kind === kind).samples) / 1000;
  return { us };
}

const micro = (value) =>
  value >= 1000
    ? thousands(value)
    : value >= 100
      ? fixed(value, 0)
      : value >= 10
        ? fixed(value, 1)
        : fixed(value, 2);

async function main() {
  // Every answer must be the real one before anything is timed.
  const first = await readyz.handle({ method: 'GET', path: '/readyz' });
  if (first.status !== 200 || first.body !== '{"status":"ok"}')
    throw new Error(`unexpected answer ${first.status} ${first.body}`);
  for (const [, fn] of CASES) await timed(fn, WARMUP_MS / CASES.length);
  const samples = CASES.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < CASES.length; k++) {
      const i = (k + r) % CASES.length;
      samples[i].push(await timed(CASES[i][1], ROUND_MS));
    }
  }
  const rows = CASES.map(([label], i) => {
    const ns = median(samples[i]);
    return [
      label,
      thousands(ns),
      `${thousands(Math.min(...samples[i]))}–${thousands(Math.max(...samples[i]))}`,
      fixed(1e9 / ns / 1000, 1),
    ];
  });
  await health.close();
  const machine = machineLine();
  const { us } = await growth();
  const growthRows = GROWTH_PROBES.map((n) => [
    n.toLocaleString('en-US'),
    micro(us(n, 'cached')),
    micro(us(n, 'uncached')),
    micro(us(n, 'verbose')),
  ]);
  const ratio = us(1000, 'cached') / us(1, 'cached');
  const flatLine =
    `Cached \`/readyz\` at 1,000 probes costs ${fixed(ratio, 2)}× what it costs at 1 probe ` +
    `(${micro(us(1000, 'cached'))} µs against ${micro(us(1, 'cached'))} µs): ` +
    (ratio <= FLAT_RATIO
      ? `**O(1) in the number of probes: met** (within ${FLAT_RATIO}×).`
      : `**O(1) in the number of probes: missed** (more than ${FLAT_RATIO}×; it still walks the probes on a cache hit).`);
  const markdown = [
    '## In-process /readyz cost',
    '',
    'Per call of `await readyz.handle()` (and its neighbours) in one process, each call awaited before the next as ' +
      'on one keep-alive connection, against the built packages. Run with `node bench/readyz-handle.micro.mjs`' +
      `${QUICK ? ' (this run: `BENCH_QUICK=1`, a smoke run)' : ''}; this run took ${fixed(performance.now() / 1000, 0)} s.`,
    '',
    machine,
    '',
    `Three probes resolving at once, cacheTtlMs 1000 (a real run about once a second); ${ROUNDS} rounds of ` +
      `${ROUND_MS} ms per row, interleaved; ns/op is the median round.`,
    '',
    table(['call', 'ns/op', 'range of rounds', 'k calls/s'], rows),
    '',
    '### Growth with the number of probes',
    '',
    'µs per `await readyz.handle()`, median of ' +
      `${GROWTH_ROUNDS} interleaved rounds of ${GROWTH_ROUND_MS} ms per cell. "cached": \`GET /readyz\`, ` +
      'cacheTtlMs 1000; "uncached": cacheTtlMs 0, so every call runs every probe (each resolves at once); ' +
      '"?verbose": `GET /readyz?verbose` on the cached health, which renders every probe by design.',
    '',
    table(['probes', 'cached /readyz, µs', 'uncached /readyz, µs', 'cached /readyz?verbose, µs'], growthRows),
    '',
    flatLine,
  ].join('\n');
  writeSection('readyz-handle', markdown);
  console.log(markdown);
}

await main();

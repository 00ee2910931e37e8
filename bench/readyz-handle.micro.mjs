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
// Prints only; it writes nothing to BENCHMARKS.md (in-process figures depend on the machine's load).
import { rollgateNode } from '@rollgate/adapters/node';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { machineLine } from './lib/machine.mjs';
import { table } from './lib/markdown.mjs';
import { fixed, median, thousands } from './lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_MICRO_ROUND_MS ?? 300);
const WARMUP_MS = 500;

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

// Calls `fn` back to back for about `ms`, each awaited; returns ns per call.
async function timed(fn, ms) {
  const deadline = performance.now() + ms;
  let calls = 0;
  const started = process.hrtime.bigint();
  while (performance.now() < deadline) {
    for (let i = 0; i < 200; i++) await fn();
    calls += 200;
  }
  return Number(process.hrtime.bigint() - started) / calls;
}

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
  console.log(machineLine());
  console.log(`${ROUNDS} rounds of ${ROUND_MS} ms per row, interleaved; ns/op is the median round.\n`);
  console.log(table(['call', 'ns/op', 'range of rounds', 'k calls/s'], rows));
  await health.close();
}

await main();

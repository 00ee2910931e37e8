// The service the chaos test runs in its own process, from the BUILT packages (dist/), as a host would:
// Fastify with the rollgate plugin, a real ioredis client and a real pg Pool probed in heartbeat mode,
// an ordinary route `/orders` that never touches the health machinery, and `/debug/pools` reporting the
// clients' internal queues so the test can tell a pinned connection from an idle one.
// It installs no 'uncaughtException' or 'unhandledRejection' handler on purpose: a crash must end the
// process with a non-zero code and a stack on stderr, which is what the test watches for.
// Prints {"port":N} once listening; on SIGTERM prints {"exit":{…pools}} and exits 0.
// Configured by environment: REDIS_URL, PG_URL, INTERVAL_MS, FAILURE_THRESHOLD, SUCCESS_THRESHOLD,
// PROBE_TIMEOUT_MS, PG_POOL_MAX.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const adaptersDir = join(root, 'packages', 'adapters');
// fastify, ioredis and pg are the adapters package's devDependencies; tests/ has no node_modules of its own.
const requireFromAdapters = createRequire(join(adaptersDir, 'package.json'));
const Fastify = requireFromAdapters('fastify');
const { Redis } = requireFromAdapters('ioredis');
const pg = requireFromAdapters('pg');
// The ESM builds by file URL: the same module instances the adapters' dist imports (realpaths match).
const built = (path) => import(pathToFileURL(join(root, 'packages', path)).href);
const { createHealth } = await built('core/dist/index.js');
const { rollgateFastify } = await built('adapters/dist/fastify.js');
const { postgresProbe, redisProbe } = await built('adapters/dist/probes.js');

const env = (name, fallback) => {
  const value = process.env[name];
  return value === undefined ? fallback : Number(value);
};
const intervalMs = env('INTERVAL_MS', 500);
const failureThreshold = env('FAILURE_THRESHOLD', 2);
const successThreshold = env('SUCCESS_THRESHOLD', 2);
const timeoutMs = env('PROBE_TIMEOUT_MS', 300);
const poolMax = env('PG_POOL_MAX', 2);

// As dependencies.ts does: queue commands while disconnected (a stopped server shows as a PING timeout)
// and reconnect every 50 ms so a restarted server is seen at once.
const redis = new Redis(process.env.REDIS_URL, { retryStrategy: () => 50, maxRetriesPerRequest: null });
redis.on('error', () => {});
const pool = new pg.Pool({ connectionString: process.env.PG_URL, max: poolMax });
pool.on('error', () => {}); // idle clients die when the server stops; the probe reports it

const health = createHealth({
  service: 'chaos-orders',
  version: '1.0.0',
  probeTimeoutMs: timeoutMs,
  // graceMs 0: the test waits for the first 200 before injecting anything, so every failure must count.
  heartbeat: { intervalMs, failureThreshold, successThreshold, graceMs: 0 },
});
health.register(postgresProbe(pool, { write: true, timeoutMs }));
health.register(redisProbe(redis, { timeoutMs }));

const pools = () => ({
  pg: {
    max: poolMax,
    totalCount: pool.totalCount,
    idleCount: pool.idleCount,
    waitingCount: pool.waitingCount,
  },
  redis: {
    status: redis.status,
    offlineQueue: redis.offlineQueue.length,
    commandQueue: redis.commandQueue.length,
  },
});

const ORDERS = { orders: [{ id: 'o-1', total: 42 }] };
const app = Fastify({ logger: false });
await app.register(rollgateFastify, { health });
app.get('/orders', async () => ORDERS);
app.get('/debug/pools', async () => pools());
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);

process.once('SIGTERM', async () => {
  await app.close();
  await health.close();
  process.stdout.write(`${JSON.stringify({ exit: pools() })}\n`);
  redis.disconnect();
  await pool.end();
  process.exit(0);
});

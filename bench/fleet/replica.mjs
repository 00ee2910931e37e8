// One replica of the simulated fleet (started by bench/fleet.mjs with fork): Fastify with the built
// `@rollgate/adapters/fastify` plugin, real ioredis and pg clients probed through `@rollgate/adapters/probes`, and
// readyz's prom-client metrics on /metrics. Configured the way examples/fastify-service configures orders-api.
// Usage (by fork only), environment: REDIS_URL, DATABASE_URL, SERVICE, CACHE_TTL_MS, PROBE_TIMEOUT_MS.
import { createRequire } from 'node:module';
import { rollgateFastify } from '@rollgate/adapters/fastify';
import { postgresProbe, redisProbe } from '@rollgate/adapters/probes';
import { createHealth } from '@rollgate/core';
import Fastify from 'fastify';
import * as promClient from 'prom-client';

// ioredis and pg are the adapters package's test clients; resolving them from there keeps the bench from
// declaring a second copy of each driver.
const fromAdapters = createRequire(new URL('../../packages/adapters/package.json', import.meta.url));
const { Redis } = fromAdapters('ioredis');
const pg = fromAdapters('pg');

const env = process.env;
const probeTimeoutMs = Number(env.PROBE_TIMEOUT_MS);

const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2, connectionTimeoutMillis: 5_000 });
// An idle client whose server went away emits 'error'; readiness reports the outage, the process stays up.
pool.on('error', () => {});
// As in the example: commands queue while Redis is away, so readiness reports a PING timeout.
const redis = new Redis(env.REDIS_URL, {
  maxRetriesPerRequest: null,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
});
redis.on('error', () => {});

const health = createHealth({ service: env.SERVICE, version: '1.4.0', cacheTtlMs: Number(env.CACHE_TTL_MS) });
health.register(postgresProbe(pool, { write: true, timeoutMs: probeTimeoutMs }));
health.register(redisProbe(redis, { timeoutMs: probeTimeoutMs }));

const registry = new promClient.Registry();
const app = Fastify({ logger: false });
await app.register(rollgateFastify, {
  health,
  metrics: { registry, prefix: 'aether_', client: promClient },
  paths: { metrics: '/metrics' },
});
await app.listen({ port: 0, host: '127.0.0.1' });
health.markStarted();

async function close() {
  await app.close();
  await health.close();
  redis.disconnect();
  await pool.end().catch(() => {});
}

process.on('message', async (message) => {
  if (message?.type === 'close') {
    await close();
    process.exit(0);
  }
});
// The parent died (even by SIGKILL): nothing of the fleet may outlive it.
process.on('disconnect', () => process.exit(0));
process.send({ type: 'listening', port: app.server.address().port });

// The HTTP app: rollgate's endpoints plus the service's own routes.
import { rollgateFastify } from '@rollgate/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Dependencies } from './dependencies.js';

/** Builds the app. Registering rollgate never waits on Postgres or Redis. */
export async function buildApp({ pool, redis, health }: Dependencies): Promise<FastifyInstance> {
  const app = Fastify({ logger: true });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // /readyz, /livez, /healthz, /health, /health/startup, /readyz/:probe and /metrics;
  // kept out of the request log (kubelet probes every few seconds).
  await app.register(rollgateFastify, {
    health,
    metrics: { registry, prefix: 'aether_' },
    paths: { metrics: '/metrics' },
  });

  app.get('/hello', async () => ({ service: health.service, version: health.version }));

  // An ordinary route using both dependencies: counts visits in Redis, stamps them with Postgres' clock.
  app.get('/visits', async () => {
    const [visits, { rows }] = await Promise.all([
      redis.incr('orders-api:visits'),
      pool.query('SELECT now() AS at'),
    ]);
    return { visits, at: (rows[0] as { at: Date }).at };
  });

  return app;
}

// The HTTP app: rollgate's endpoints plus the service's own routes.
import { rollgateExpress } from '@rollgate/adapters/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Dependencies } from './dependencies.js';

/** Builds the app. Creating the rollgate router never waits on Postgres or Redis. */
export function buildApp({ pool, redis, health }: Dependencies): Express {
  const app = express();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // /readyz, /livez, /healthz, /health, /health/startup, /readyz/:probe and /metrics, all JSON
  // (metrics in Prometheus' text format). Mounted first: health answers never go through app middleware.
  app.use(
    rollgateExpress({ health, metrics: { registry, prefix: 'aether_' }, paths: { metrics: '/metrics' } }),
  );

  app.get('/hello', (_req, res) => {
    res.json({ service: health.service, version: health.version });
  });

  // An ordinary route using both dependencies: counts visits in Redis, stamps them with Postgres' clock.
  app.get('/visits', async (_req, res) => {
    const [visits, { rows }] = await Promise.all([
      redis.incr('orders-api:visits'),
      pool.query('SELECT now() AS at'),
    ]);
    res.json({ visits, at: (rows[0] as { at: Date }).at });
  });

  // The service's own errors answer JSON too, never Express' HTML stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(JSON.stringify({ level: 'error', message: 'request failed', error: String(error) }));
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}

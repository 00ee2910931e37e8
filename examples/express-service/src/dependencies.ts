// The service's clients, and the health that probes them through those same clients.
import { postgresProbe, redisProbe } from '@rollgate/adapters/probes';
import { createHealth, type Health } from '@rollgate/core';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Config } from './config.js';

/** Clients and health, created once per process. */
export interface Dependencies {
  /** PostgreSQL pool used by the routes and by the readiness probe. */
  pool: pg.Pool;
  /** Redis client used by the routes and by the readiness probe. */
  redis: Redis;
  /** The probe engine behind /readyz, /livez and /health/startup. */
  health: Health;
}

/** Creates the clients and registers their probes. Connects lazily: nothing here waits on a dependency. */
export function createDependencies(config: Config): Dependencies {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client whose server went away emits 'error'; readiness reports the outage, the process stays up.
  pool.on('error', () => {});
  // maxRetriesPerRequest: null keeps the app's own commands queued while Redis is away; the probe sends none then
  // and reports `Redis client not connected (reconnecting)` at once.
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  redis.on('error', () => {});

  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 1_000 });
  // The write sentinel proves the primary accepts writes; a read-only failover fails readiness.
  health.register(postgresProbe(pool, { write: true, timeoutMs: config.probeTimeoutMs }));
  health.register(redisProbe(redis, { timeoutMs: config.probeTimeoutMs }));
  return { pool, redis, health };
}

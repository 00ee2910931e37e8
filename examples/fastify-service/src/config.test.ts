import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('the service configuration', () => {
  it('needs DATABASE_URL and REDIS_URL and fills in the rest', () => {
    expect(
      readConfig({ DATABASE_URL: 'postgres://app@db:5432/orders', REDIS_URL: 'redis://cache:6379' }),
    ).toEqual({
      ok: true,
      config: {
        databaseUrl: 'postgres://app@db:5432/orders',
        redisUrl: 'redis://cache:6379',
        port: 8080,
        host: '0.0.0.0',
        probeTimeoutMs: 1_500,
        drainDelayMs: 5_000,
        shutdownTimeoutMs: 25_000,
      },
    });
  });

  it('reports every problem at once', () => {
    expect(readConfig({ PORT: 'eighty' })).toEqual({
      ok: false,
      problems: [
        'DATABASE_URL must be set to postgres://user@host:port/db',
        'REDIS_URL must be set to redis://host:port',
        'PORT must be a non-negative integer, got "eighty"',
      ],
    });
  });
});

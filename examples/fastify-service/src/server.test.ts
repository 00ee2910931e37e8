// Starts the example the way its README says (`pnpm start`, as a child process) against a real
// PostgreSQL and redis-server, and checks what an operator would: /readyz 200, 503 naming Redis once
// Redis stops, 200 when it is back, and a clean exit on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleService, startExample } from '../../../tests/support/example-service.js';
import {
  type PostgresServer,
  type RedisServer,
  startPostgres,
  startRedis,
} from '../../../tests/support/index.js';

let redis: RedisServer;
let postgres: PostgresServer;
let service: ExampleService;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  service = await startExample(new URL('..', import.meta.url), {
    DATABASE_URL: postgres.url(),
    REDIS_URL: redis.url,
  });
});

afterAll(async () => {
  await service?.stop();
  await Promise.all([redis?.close(), postgres?.close()]);
});

describe('examples/fastify-service', () => {
  it('answers /readyz 200 and serves its routes and metrics against real Postgres and Redis', async () => {
    expect((await service.get('/readyz')).json()).toEqual({ status: 'ok' });
    expect((await service.get('/health/startup')).status).toBe(200);
    expect((await service.get('/visits')).json()).toMatchObject({ visits: 1 });
    expect((await service.get('/metrics')).text).toContain('aether_readyz_success{service="orders-api"} 1');
  });

  it('answers /readyz 503 naming Redis once redis-server stops, and 200 once it is back', async () => {
    await redis.stop();
    await expect
      .poll(async () => (await service.get('/readyz')).json(), { timeout: 5_000, interval: 100 })
      .toMatchObject({
        status: 'fail',
        dependency: 'Redis',
        error: expect.stringMatching(/^Redis client not connected \((connecting|reconnecting)\)$/),
      });
    expect((await service.get('/hello')).status).toBe(200); // ordinary routes are untouched
    await redis.start();
    await expect
      .poll(async () => (await service.get('/readyz')).status, { timeout: 5_000, interval: 100 })
      .toBe(200);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const { code, readinessDuringDrain } = await service.terminate();
    expect(readinessDuringDrain).toBe(503);
    expect(code).toBe(0);
  });
});

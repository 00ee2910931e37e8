// The readyz conformance kit as a host project would run it: the example started as its README says, against a
// real redis-server and PostgreSQL, each broken in turn. Redis is SIGSTOPped (it accepts connections and never
// answers, the hang a timeout must catch); PostgreSQL is stopped (connections refused). For each: /readyz 200,
// then 503 naming it with an error within the 5 s cap while /livez stays 200, then 200 again once it is back.
import { assertReadyzConformance } from '@rollgate/readyz/testing';
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
  redis?.resume();
  await service?.stop();
  await Promise.all([redis?.close(), postgres?.close()]);
});

describe('examples/fastify-service conformance', () => {
  it('passes the readyz conformance kit while Redis hangs and PostgreSQL is down, one after the other', async () => {
    const findings = await assertReadyzConformance(service.url, {
      dependencies: {
        Redis: { fail: () => redis.pause(), restore: () => redis.resume() },
        Postgres: { fail: () => postgres.stop(), restore: () => postgres.start() },
      },
    });
    const failed = findings.filter((f) => f.check.endsWith('.fails'));
    expect(failed.map((f) => [f.check, f.ok])).toEqual([
      ['dependency.Redis.fails', true],
      ['dependency.Postgres.fails', true],
    ]);
  }, 90_000);
});

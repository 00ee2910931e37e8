// Smoke suite of the /readyz contract: for every adapter (Fastify, Express 5, Express 4, node:http,
// fetch), each dependency failure (Postgres, Redis, Kafka, an HTTP upstream) surfaces as 503 with a
// JSON body naming the dependency, and recovers to 200. Postgres and Redis are real servers
// (tests/support); no Kafka broker can be installed here, so Kafka is a stand-in with kafkajs' Admin
// methods that fails with kafkajs' own error classes; the upstream is a real node:http server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dependencies,
  PROBE_TIMEOUT_MS,
  startDependencies,
} from '../../packages/adapters/tests/apps/dependencies.js';
import {
  ADAPTERS,
  type AdapterName,
  startApp,
  type TestApp,
} from '../../packages/adapters/tests/apps/index.js';
import { http } from '../support/index.js';

let deps: Dependencies;
const apps = new Map<AdapterName, TestApp>();

beforeAll(async () => {
  deps = await startDependencies();
  for (const adapter of ADAPTERS) apps.set(adapter, await startApp(adapter, { health: deps.health }));
});

afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.close()));
  await deps?.close();
});

interface Failure {
  /** The dependency named in the 503 body. */
  dependency: string;
  /** The redacted error the body carries. */
  error: RegExp;
  /** Makes the dependency fail. */
  inject(deps: Dependencies): Promise<void> | void;
  /** Puts it back. */
  restore(deps: Dependencies): Promise<void> | void;
}

const FAILURES: Record<string, Failure> = {
  'PostgreSQL stopped': {
    dependency: 'Postgres',
    error: /ECONNREFUSED|terminat/,
    inject: (d) => d.postgres.stop(),
    restore: (d) => d.postgres.start(),
  },
  'PostgreSQL refusing writes': {
    dependency: 'Postgres',
    error: /^write sentinel: permission denied for table rollgate_sentinel$/,
    inject: (d) => d.postgres.sql('REVOKE INSERT ON rollgate_sentinel FROM app'),
    restore: (d) => d.postgres.sql('GRANT INSERT ON rollgate_sentinel TO app'),
  },
  'Redis stopped': {
    dependency: 'Redis',
    error: /^Redis client not connected \((connecting|reconnecting)\)$/,
    inject: (d) => d.redis.stop(),
    restore: (d) => d.redis.start(),
  },
  'Kafka without brokers': {
    dependency: 'Kafka',
    error: /^Connection error: connect ECONNREFUSED/,
    inject: (d) => {
      d.kafka.mode = 'down';
    },
    restore: (d) => {
      d.kafka.mode = 'up';
    },
  },
  'Kafka missing a required topic': {
    dependency: 'Kafka',
    error: /^missing topic: orders$/,
    inject: (d) => {
      d.kafka.mode = 'missing-topic';
    },
    restore: (d) => {
      d.kafka.mode = 'up';
    },
  },
  'HTTP upstream answering 500': {
    dependency: 'Payments',
    error: /^GET answered 500, expected 2xx$/,
    inject: (d) => {
      d.upstream.status = 500;
    },
    restore: (d) => {
      d.upstream.status = 200;
    },
  },
};

async function readyz(adapter: AdapterName) {
  return http(`${apps.get(adapter)!.url}/readyz`);
}

describe('readyz dependency failures, for every adapter', () => {
  it('answers 200 {"status":"ok"} on every adapter while every dependency is up', async () => {
    for (const adapter of ADAPTERS) {
      const answer = await readyz(adapter);
      expect({ adapter, status: answer.status, body: answer.json() }).toEqual({
        adapter,
        status: 200,
        body: { status: 'ok' },
      });
    }
  });

  describe.each(Object.entries(FAILURES))('%s', (_, failure) => {
    it(`answers 503 JSON naming ${failure.dependency} on every adapter, then 200 again`, async () => {
      await failure.inject(deps);
      try {
        for (const adapter of ADAPTERS) {
          const answer = await readyz(adapter);
          expect(answer.headers['content-type']).toMatch(/^application\/json/);
          expect({ adapter, status: answer.status, body: answer.json() }).toMatchObject({
            adapter,
            status: 503,
            body: {
              status: 'fail',
              dependency: failure.dependency,
              error: expect.stringMatching(failure.error),
            },
          });
          expect(answer.elapsedMs).toBeLessThan(PROBE_TIMEOUT_MS + 250);
        }
      } finally {
        await failure.restore(deps);
      }
      for (const adapter of ADAPTERS) {
        await expect
          .poll(async () => (await readyz(adapter)).status, { timeout: 5_000, interval: 50 })
          .toBe(200);
      }
    });
  });
});

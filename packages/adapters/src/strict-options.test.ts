// Every options object the adapters take refuses a key it does not know, naming the call and the nearest
// known key, and accepts every documented key: a misspelled option must never run with the default.
import { createServer } from 'node:http';
import { createHealth, type Health, isRollgateError } from '@rollgate/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { rollgateExpress } from './express.js';
import { type RollgateFastifyOptions, rollgateFastify } from './fastify.js';
import { rollgateFetch } from './fetch.js';
import { rollgateNode } from './node.js';
import {
  type HttpProbeOptions,
  httpProbe,
  type KafkaProbeOptions,
  kafkaProbe,
  type PostgresProbeOptions,
  postgresProbe,
  type RedisProbeOptions,
  redisProbe,
} from './probes.js';
import type { RollgateAdapterOptions } from './shared/readyz.js';
import { installShutdown, type ShutdownOptions } from './shutdown.js';

const healths: Health[] = [];
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(): Health {
  const created = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
  created.register({ name: 'Redis', check: () => 'PONG' });
  healths.push(created);
  return created;
}

/** The message of the unknown-option error `attempt` throws (fails the test for any other outcome). */
function unknownOption(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected ROLLGATE_ERR_UNKNOWN_OPTION');
}

/** Every adapter option, typed as all required: a key added to the types must be added here too. */
function everyAdapterOption(): Required<RollgateAdapterOptions> {
  return {
    health: health(),
    prefix: '/ops',
    paths: { healthz: false },
    details: 'never',
    metrics: { registry: new Registry() },
    limits: { maxExclude: 8 },
    componentTypes: { Redis: 'datastore' },
    statusWords: { readiness: { ok: 'ready', fail: 'not_ready' } },
    admin: { token: 'a-long-enough-admin-token' },
  };
}

const pong = { ping: async () => 'PONG' };
const pool = { connect: async () => ({}) as never, totalCount: 0 };
const admin = {
  describeCluster: async () => ({ brokers: [{}] }),
  fetchTopicMetadata: async () => ({ topics: [] }),
};

describe('the framework adapters', () => {
  it.each([
    ['rollgateExpress', (options: object) => rollgateExpress(options as never)],
    ['rollgateNode', (options: object) => rollgateNode(options as never)],
    ['rollgateFetch', (options: object) => rollgateFetch(options as never)],
  ])('%s refuses a misspelled key in its own name, with the key it meant', (name, create) => {
    expect(unknownOption(() => create({ health: health(), detail: 'never' }))).toBe(
      `${name}: unknown option "detail"; did you mean "details"?`,
    );
    expect(unknownOption(() => create({ heath: health() }))).toBe(
      `${name}: unknown option "heath"; did you mean "health"?`,
    );
    // Nested options are createReadyz's, and say so.
    expect(unknownOption(() => create({ health: health(), limits: { maxExcludes: 8 } }))).toBe(
      'createReadyz limits: unknown option "maxExcludes"; did you mean "maxExclude"?',
    );
  });

  it('accept every documented key', async () => {
    expect(typeof rollgateExpress(everyAdapterOption())).toBe('function');
    expect(typeof rollgateNode(everyAdapterOption())).toBe('function');
    const fetchHandler = rollgateFetch(everyAdapterOption());
    const answer = await fetchHandler(new Request('http://svc/ops/readyz'));
    expect(answer.status).toBe(200);
  });

  it('the Fastify plugin fails registration on a misspelled key', async () => {
    const app = Fastify();
    apps.push(app);
    await expect(
      app.register(rollgateFastify, { health: health(), disableRequestLoging: false } as never),
    ).rejects.toMatchObject({
      code: 'ROLLGATE_ERR_UNKNOWN_OPTION',
      message:
        'rollgateFastify: unknown option "disableRequestLoging"; did you mean "disableRequestLogging"?',
    });
  });

  it('the Fastify plugin fails registration on a wrong-typed logging switch, naming it', async () => {
    for (const [key, value] of [
      ['disableRequestLogging', 'false'],
      ['logLevel', 30],
    ] as const) {
      const app = Fastify();
      apps.push(app);
      await expect(
        app.register(rollgateFastify, { health: health(), [key]: value } as never),
      ).rejects.toMatchObject({
        code: 'ROLLGATE_ERR_INVALID_OPTION',
        message: expect.stringContaining(key),
      });
    }
  });

  it("the Fastify plugin accepts every documented key and Fastify's own register keys", async () => {
    const app = Fastify();
    apps.push(app);
    const options: Required<RollgateFastifyOptions> & { logSerializers: Record<string, never> } = {
      ...everyAdapterOption(),
      logLevel: 'silent',
      disableRequestLogging: true,
      logSerializers: {},
    };
    await app.register(rollgateFastify, options);
    const answer = await app.inject('/ops/readyz');
    expect(answer.statusCode).toBe(200);
  });
});

describe('the probe factories', () => {
  it.each([
    ['redisProbe', () => redisProbe(pong, { timeout: 300 } as never), 'timeoutMs'],
    ['postgresProbe', () => postgresProbe(pool, { writes: true } as never), 'write'],
    ['kafkaProbe', () => kafkaProbe(admin, { topic: ['orders'] } as never), 'topics'],
    ['httpProbe', () => httpProbe('http://a.internal/', { expectedStatus: 204 } as never), 'expectStatus'],
  ])('%s refuses a misspelled key, naming the one it meant', (name, attempt, meant) => {
    expect(unknownOption(attempt)).toMatch(
      new RegExp(`^${name}: unknown option "\\w+"; did you mean "${meant}"\\?$`),
    );
  });

  it('refuse options that are not an object', () => {
    expect(() => redisProbe(pong, 'fast' as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
    );
    expect(() => postgresProbe(pool, null as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
    );
  });

  it('accept every documented key', () => {
    const common = { name: 'Dependency', timeoutMs: 300, critical: false, groups: ['readiness'] as const };
    const redis: Required<RedisProbeOptions> = { ...common, groups: ['readiness'] };
    const postgres: Required<PostgresProbeOptions> = { ...redis, write: true, table: 'rollgate_sentinel' };
    const kafka: Required<KafkaProbeOptions> = { ...redis, topics: ['orders'] };
    const http: Required<HttpProbeOptions> = {
      ...redis,
      expectStatus: 204,
      method: 'HEAD',
      headers: { authorization: 'Bearer t' },
      fetch,
    };
    expect(redisProbe(pong, redis).name).toBe('Dependency');
    expect(postgresProbe(pool, postgres).operation).toBe('write sentinel');
    expect(kafkaProbe(admin, kafka).operation).toBe('metadata');
    expect(httpProbe('http://a.internal/', http).operation).toBe('HEAD');
  });
});

describe('installShutdown', () => {
  it('refuses a misspelled key, naming the one it meant', () => {
    const server = createServer();
    expect(unknownOption(() => installShutdown(server, health(), { drainDelay: 1_000 } as never))).toBe(
      'installShutdown: unknown option "drainDelay"; did you mean "drainDelayMs"?',
    );
  });

  it('accepts every documented key', () => {
    const server = createServer();
    const options: Required<ShutdownOptions> = {
      signals: ['SIGUSR2'],
      drainDelayMs: 10,
      timeoutMs: 1_000,
      onShutdown: () => {},
      emitters: [{ close: async () => {} }],
      exit: () => {},
      logger: { info: () => {}, error: () => {} },
    };
    const uninstall = installShutdown(server, health(), options);
    uninstall();
  });
});

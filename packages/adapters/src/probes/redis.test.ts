import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../../../tests/support/index.js';
import { redisProbe } from './redis.js';

const run = async (probe: ReturnType<typeof redisProbe>) => probe.check(new AbortController().signal);

let server: RedisServer;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server?.close());

const clients = {
  ioredis: async () => {
    const client = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.disconnect() };
  },
  'node-redis': async () => {
    const client = createClient({ url: server.url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.destroy() };
  },
};

describe.each(Object.entries(clients))('redisProbe with %s against a real redis-server', (_, connect) => {
  it('passes while the server answers PING', async () => {
    const { client, close } = await connect();
    try {
      await expect(run(redisProbe(client))).resolves.toBe('PONG');
    } finally {
      await close();
    }
  });

  it('fails with "PING timeout after 300ms" at the timeout while the server is paused, then recovers', async () => {
    const { client, close } = await connect();
    try {
      server.pause();
      const started = performance.now();
      const probe = redisProbe(client, { timeoutMs: 300 });
      await expect(run(probe)).rejects.toThrow('PING timeout after 300ms');
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(295);
      expect(elapsed).toBeLessThan(300 + 200);
      server.resume();
      await expect(run(probe)).resolves.toBe('PONG');
    } finally {
      server.resume();
      await close();
    }
  });

  it('fails while the server is stopped and passes once it is back', async () => {
    const { client, close } = await connect();
    try {
      await server.stop();
      const probe = redisProbe(client, { timeoutMs: 300 });
      await expect(run(probe)).rejects.toThrow();
      await server.start();
      await expect
        .poll(() => run(probe).catch((error: Error) => error.message), { timeout: 5_000 })
        .toBe('PONG');
    } finally {
      await server.start().catch(() => {});
      await close();
    }
  });
});

describe('redisProbe registration', () => {
  it('is named Redis, registers a 50 ms engine backstop after its own timeout, and keeps the health defaults otherwise', () => {
    const client = { ping: async () => 'PONG' };
    expect(redisProbe(client)).toEqual({ name: 'Redis', check: expect.any(Function) });
    expect(redisProbe(client, { name: 'cache', timeoutMs: 300, critical: false })).toEqual({
      name: 'cache',
      check: expect.any(Function),
      timeoutMs: 350,
      critical: false,
    });
  });

  it('fails on a reply other than PONG and refuses a non-client with a coded error', async () => {
    await expect(run(redisProbe({ ping: async () => 'LOADING' }))).rejects.toThrow('PING answered "LOADING"');
    expect(() => redisProbe({} as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
    );
    expect(() => redisProbe({ ping: async () => 'PONG' }, { timeoutMs: 6000 })).toThrow(
      /above the 5000ms cap/,
    );
  });
});

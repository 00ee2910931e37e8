import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../../../tests/support/index.js';
import { redisProbe } from './redis.js';
import { checkThroughHealth } from './test-kit.js';

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
      const probe = redisProbe(client, { timeoutMs: 300 });
      const paused = await checkThroughHealth(probe);
      expect(paused).toMatchObject({ status: 'fail', error: 'PING timeout after 300ms', warnings: [] });
      expect(paused.elapsedMs).toBeGreaterThanOrEqual(295);
      expect(paused.elapsedMs).toBeLessThan(300 + 200);
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
      // ioredis fails at once; node-redis queues the PING while it reconnects, so the timeout fails it.
      const stopped = await checkThroughHealth(probe);
      expect(stopped).toMatchObject({ status: 'fail', warnings: [] });
      expect(stopped.elapsedMs).toBeLessThan(300 + 200);
      await server.start();
      await expect.poll(async () => (await checkThroughHealth(probe)).status, { timeout: 5_000 }).toBe('ok');
    } finally {
      await server.start().catch(() => {});
      await close();
    }
  });
});

describe('redisProbe while the server is gone', () => {
  it('fails at once without queueing a PING, so no burst of queued PINGs reaches the server when it is back', async () => {
    // The settings of examples/fastify-service: retry requests forever, so a PING would wait in the offline queue.
    const client = new Redis(server.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    client.on('error', () => {});
    const probe = redisProbe(client, { timeoutMs: 300 });
    try {
      await expect(run(probe)).resolves.toBe('PONG'); // a booting client's first PING waits for the connection
      await expect(run(probe)).resolves.toBe('PONG');
      await server.stop();
      await expect.poll(() => client.status, { timeout: 5_000 }).not.toBe('ready');
      for (let i = 0; i < 20; i++) {
        const failed = await checkThroughHealth(probe);
        expect(failed).toMatchObject({ status: 'fail' });
        expect(failed.error).toMatch(/^Redis client not connected \((connecting|reconnecting|close|end)\)$/);
        expect(failed.elapsedMs).toBeLessThan(100);
      }
      await server.start();
      await expect.poll(() => client.status, { timeout: 5_000 }).toBe('ready');
      const info = String(await client.info('commandstats'));
      // A fresh server: only the PINGs sent since it started, none left over from the outage.
      const pings = Number(/cmdstat_ping:calls=(\d+)/.exec(info)?.[1] ?? 0);
      expect(pings).toBeLessThanOrEqual(1);
      await expect(run(probe)).resolves.toBe('PONG');
    } finally {
      await server.start().catch(() => {});
      client.disconnect();
    }
  });

  it('reads node-redis readiness too', async () => {
    const client = { isReady: true, ping: () => Promise.resolve('PONG') };
    const probe = redisProbe(client);
    await expect(run(probe)).resolves.toBe('PONG');
    client.isReady = false;
    await expect(run(probe)).rejects.toThrow('Redis client not connected (not ready)');
  });
});

describe('redisProbe registration', () => {
  it('is named Redis, names PING as its operation, and passes timeoutMs through, keeping the health defaults otherwise', () => {
    const client = { ping: async () => 'PONG' };
    expect(redisProbe(client)).toEqual({ name: 'Redis', operation: 'PING', check: expect.any(Function) });
    expect(redisProbe(client, { name: 'cache', timeoutMs: 300, critical: false })).toEqual({
      name: 'cache',
      operation: 'PING',
      check: expect.any(Function),
      timeoutMs: 300,
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

import { Writable } from 'node:stream';
import { createHealth, type Health } from '@rollgate/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { rollgateFastify } from '../fastify.js';

const healths: Health[] = [];
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(check: (signal: AbortSignal) => unknown = () => 'PONG'): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  created.register({ name: 'Redis', check });
  healths.push(created);
  return created;
}

function fastify(options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify(options);
  apps.push(app);
  return app;
}

describe('the Fastify plugin', () => {
  it('declares the Fastify majors it supports and its name through fastify-plugin', () => {
    const meta = (rollgateFastify as unknown as Record<symbol, unknown>)[Symbol.for('plugin-meta')];
    expect(meta).toMatchObject({ fastify: '4.x || 5.x', name: '@rollgate/adapters/fastify' });
  });

  it('registers readyz routes that show in printRoutes()', async () => {
    const app = fastify();
    await app.register(rollgateFastify, { health: health() });
    await app.ready();
    const printed = app.printRoutes({ commonPrefix: false });
    expect(printed).toContain('/readyz (GET, HEAD');
    expect(printed).toContain('/:probe (GET, HEAD');
    for (const url of [
      '/readyz',
      '/readyz/:probe',
      '/livez',
      '/healthz',
      '/health',
      '/health/ready',
      '/health/live',
      '/health/startup',
    ]) {
      expect(app.hasRoute({ method: 'GET', url })).toBe(true);
    }
    expect(app.hasRoute({ method: 'GET', url: '/metrics' })).toBe(false); // off unless metrics are configured
  });

  it('is ready at once even when a probe hangs forever: registering never runs a probe', async () => {
    let ran = 0;
    const app = fastify();
    const started = performance.now();
    await app.register(rollgateFastify, {
      health: health(() => {
        ran += 1;
        return new Promise(() => {});
      }),
    });
    await app.ready();
    expect(performance.now() - started).toBeLessThan(200);
    expect(ran).toBe(0);
    const answer = await app.inject('/readyz');
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({ dependency: 'Redis', error: 'timeout after 300ms' });
  });

  it('honours its own prefix option and the prefix of the context it is registered in', async () => {
    const app = fastify();
    await app.register(
      async (child) => {
        await child.register(rollgateFastify, { health: health(), prefix: '/ops' });
        child.get('/work', async () => ({ ok: true }));
      },
      { prefix: '/internal' },
    );
    await app.register(rollgateFastify, { health: health(), prefix: '/ops' });
    expect((await app.inject('/internal/ops/readyz?verbose')).json()).toMatchObject({
      status: 'ok',
      checks: [{ name: 'Redis' }],
    });
    expect((await app.inject('/internal/ops/readyz/Redis')).statusCode).toBe(200);
    expect((await app.inject('/ops/readyz')).statusCode).toBe(200);
    expect((await app.inject('/internal/work')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(404);
  });

  it("keeps readyz out of the host's request log unless asked, and logs ordinary routes as before", async () => {
    const logged = async (options: { logLevel?: 'info'; disableRequestLogging?: boolean }) => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const app = fastify({ logger: { level: 'info', stream } });
      await app.register(rollgateFastify, { health: health(), ...options });
      app.get('/work', async () => ({ ok: true }));
      await app.inject('/readyz');
      await app.inject('/work');
      return lines.join('');
    };
    const silent = await logged({});
    expect(silent).toContain('"url":"/work"');
    expect(silent).not.toContain('/readyz');
    expect(await logged({ disableRequestLogging: false })).toContain('"url":"/readyz"');
    expect(await logged({ logLevel: 'info' })).toContain('"url":"/readyz"');
  });

  it("answers JSON even from a broken health, never the host's error page", async () => {
    const healthy = health();
    const broken: Health = Object.assign(Object.create(healthy) as Health, {
      check: () => {
        throw new Error('engine defect');
      },
    });
    const app = fastify();
    app.setErrorHandler((_error, _request, reply) =>
      reply.type('text/html').code(500).send('<h1>stack trace</h1>'),
    );
    await app.register(rollgateFastify, { health: broken });
    const answer = await app.inject('/readyz');
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toMatchObject({ status: 'fail' });
  });

  it('fails registration with a coded error when no health is given', async () => {
    const app = fastify();
    await expect(app.register(rollgateFastify, {} as never)).rejects.toMatchObject({
      code: 'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    });
  });
});

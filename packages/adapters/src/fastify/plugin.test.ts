import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createHealth, type Health } from '@rollgate/core';
import type Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FASTIFY_MAJORS } from '../../tests/apps/index.js';
import { sendRaw } from '../conformance/raw-http.js';
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

it('declares the Fastify majors it supports and its name as fastify-plugin would', () => {
  const meta = (rollgateFastify as unknown as Record<symbol, unknown>)[Symbol.for('plugin-meta')];
  expect(meta).toMatchObject({ fastify: '4.x || 5.x', name: '@rollgate/adapters/fastify' });
});

describe.each(Object.entries(FASTIFY_MAJORS))('the Fastify plugin on %s', (major, factory) => {
  function fastify(options: FastifyServerOptions = {}): FastifyInstance {
    const app = (factory as typeof Fastify)(options);
    apps.push(app);
    return app;
  }

  it('registers readyz routes that show in printRoutes()', async () => {
    const app = fastify();
    await app.register(rollgateFastify, { health: health() });
    await app.ready();
    const printed = app.printRoutes({ commonPrefix: false });
    // The probe route is a wildcard: find-my-way caps a `:param` at maxParamLength (100), names go to 256 bytes.
    expect(printed).toMatch(/\/readyz \([^)]*\bGET\b[^)]*\bHEAD\b/);
    expect(printed).toMatch(/\* \([^)]*\bGET\b[^)]*\bHEAD\b/);
    for (const url of [
      '/readyz',
      '/readyz/*',
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
    // The probe hangs forever, so any bound shows ready() did not wait on it; 5 s leaves a loaded 2-core box room.
    expect(performance.now() - started).toBeLessThan(5_000);
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

  it('answers every other method 405 with Allow from onRequest: no body is read or parsed first', async () => {
    let parsed = 0;
    const app = fastify({ bodyLimit: 1024 });
    // A parser for every content type: were readyz's routes to parse a body, this would count it.
    app.addContentTypeParser('*', (_request, _payload, done) => {
      parsed += 1;
      done(null, undefined);
    });
    await app.register(rollgateFastify, { health: health() });
    const methods = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'ACL', 'PURGE'];
    // Fastify 4 cannot route QUERY at all: its fallback answers before any hook (README, Fastify section).
    if (major === 'Fastify 5') methods.push('QUERY');
    for (const method of methods) {
      for (const url of ['/readyz', '/readyz/Redis', '/health/startup']) {
        const answer = await app.inject({
          method: method as 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: '{'.repeat(4096), // over bodyLimit, and not JSON
        });
        expect({ method, url, status: answer.statusCode }).toEqual({ method, url, status: 405 });
        expect(answer.headers.allow).toBe('GET, HEAD');
        expect(answer.json()).toMatchObject({ code: 'ROLLGATE_ERR_READYZ_METHOD_NOT_ALLOWED' });
      }
    }
    expect(parsed).toBe(0);
  });

  it('reaches probe names up to 256 bytes whatever maxParamLength says, and never echoes the URL', async () => {
    const long = 'p'.repeat(256);
    const accented = 'É'.repeat(128);
    const created = health();
    created.register({ name: long, check: () => true });
    created.register({ name: accented, check: () => true });
    const app = fastify({ maxParamLength: 10 });
    await app.register(rollgateFastify, { health: created });
    expect((await app.inject(`/readyz/${long}`)).json()).toEqual({ status: 'ok' });
    expect((await app.inject(`/readyz/${encodeURIComponent(accented)}`)).json()).toEqual({ status: 'ok' });
    for (const url of [
      `/readyz/${'q'.repeat(300)}`,
      '/readyz/no/such/probe',
      `/readyz/${'x'.repeat(3000)}`,
    ]) {
      const answer = await app.inject(url);
      expect(answer.statusCode).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain(url.slice(8, 40));
      expect(answer.json()).toMatchObject({ status: 'error' });
    }
  });

  it("leaves the host's routes, body parsing and 404 handler alone on every other path", async () => {
    const app = fastify();
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ host: 'not found' }));
    await app.register(rollgateFastify, { health: health() });
    app.post('/work', async (request) => ({ got: request.body }));
    const work = await app.inject({ method: 'POST', url: '/work', payload: { a: 1 } });
    expect(work.json()).toEqual({ got: { a: 1 } });
    const badJson = await app.inject({
      method: 'POST',
      url: '/work',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(badJson.statusCode).toBe(400); // the host's parser still runs on the host's routes
    for (const [method, url] of [
      ['GET', '/nope'],
      ['PROPFIND', '/work'],
      ['GET', '/readyzz'],
      ['GET', '/health/nope'],
    ] as const) {
      const answer = await app.inject({ method: method as 'GET', url });
      expect({ method, url, body: answer.json() }).toEqual({ method, url, body: { host: 'not found' } });
    }
    // …while a method Fastify cannot route on readyz's own paths still reaches readyz.
    expect((await app.inject({ method: 'PROPFIND' as 'GET', url: '/readyz' })).statusCode).toBe(405);
  });

  it("over a socket, answers malformed escapes and unroutable methods on its paths, leaving the host's to Fastify", async () => {
    const app = fastify();
    await app.register(
      async (child) => {
        await child.register(rollgateFastify, { health: health() });
      },
      { prefix: '/internal' },
    );
    app.get('/work/:id', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const get = (path: string) =>
      sendRaw(port, { head: [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'] });
    for (const path of ['/internal/readyz/%ZZ', '/internal/readyz/%E0%A4%A', '/internal/readyz/%C0%AF']) {
      const answer = await get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'ROLLGATE_ERR_READYZ_BAD_PATH' });
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    // Not readyz's: the host's own path, and readyz's path outside the context it is mounted in.
    for (const path of ['/work/%ZZ', '/readyz/%ZZ']) {
      expect(JSON.parse((await get(path)).body)).toMatchObject({ code: 'FST_ERR_BAD_URL' });
    }
    expect((await get('/internal/readyz')).status).toBe(200);
    // Methods this major cannot route, in a child context (its not-found handler is the root's): still readyz's 405.
    for (const method of ['QUERY', 'PROPFIND', 'ACL', 'PURGE']) {
      const answer = await sendRaw(port, {
        head: [`${method} /internal/readyz HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'],
      });
      expect({ method, status: answer.status, allow: answer.headers.allow }).toEqual({
        method,
        status: 405,
        allow: 'GET, HEAD',
      });
    }
    const hostPath = await sendRaw(port, {
      head: ['PROPFIND /work/1 HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close'],
    });
    expect(hostPath.status).toBe(404); // the host's not-found answer, as before
  });
});

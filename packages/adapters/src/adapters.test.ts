// The same HTTP behaviour through every adapter, over real sockets: adapters translate, readyz decides.
import { createHealth, type Health } from '@rollgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../tests/support/index.js';
import { ADAPTERS, startApp, type TestApp } from '../tests/apps/index.js';

const opened: TestApp[] = [];
const healths: Health[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function healthWith(check: (signal: AbortSignal) => unknown, name = 'Redis'): Health {
  const health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  health.register({ name, check });
  healths.push(health);
  return health;
}

describe.each(ADAPTERS)('the %s adapter', (adapter) => {
  const start = async (health: Health, options: { prefix?: string } = {}) => {
    const app = await startApp(adapter, { health, ...options });
    opened.push(app);
    return app;
  };

  it('answers /readyz 200 {"status":"ok"} with no-store when every probe passes', async () => {
    const app = await start(healthWith(() => 'PONG'));
    const answer = await http(`${app.url}/readyz`);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ status: 'ok' });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 JSON naming the dependency when a probe fails, and ordinary routes do not change', async () => {
    const app = await start(
      healthWith(() => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      }),
    );
    const answer = await http(`${app.url}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({
      status: 'fail',
      dependency: 'Redis',
      error: 'connect ECONNREFUSED 127.0.0.1:6379',
    });
    const work = await http(`${app.url}/work`);
    expect(work.status).toBe(200);
    expect(work.json()).toEqual({ ok: true });
    // Liveness does not depend on readiness probes.
    expect((await http(`${app.url}/livez`)).status).toBe(200);
  });

  it('answers a hung dependency with 503 JSON at the probe timeout, not later', async () => {
    const app = await start(healthWith(() => new Promise(() => {})));
    const answer = await http(`${app.url}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ dependency: 'Redis', error: 'timeout after 300ms' });
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(answer.elapsedMs).toBeLessThan(300 + 250);
    const work = await http(`${app.url}/work`);
    expect(work.status).toBe(200);
  });

  it('serves one probe by name, 404 JSON for an unknown one, 405 JSON for other methods and HEAD without a body', async () => {
    const app = await start(healthWith(() => 'PONG'));
    expect((await http(`${app.url}/readyz/Redis`)).json()).toEqual({ status: 'ok' });
    const unknown = await http(`${app.url}/readyz/Kafka`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 'error' });
    const post = await http(`${app.url}/readyz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(post.json()).toMatchObject({ status: 'error' });
    const head = await http(`${app.url}/readyz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('passes ?verbose through and honours a readyz prefix', async () => {
    const app = await start(
      healthWith(() => 'PONG'),
      { prefix: '/ops' },
    );
    const verbose = await http(`${app.url}/ops/readyz?verbose`);
    expect(verbose.json()).toMatchObject({ status: 'ok', checks: [{ name: 'Redis', status: 'ok' }] });
    expect((await http(`${app.url}/work`)).status).toBe(200);
  });

  it('turns readiness 503 at once when the health starts draining, while liveness stays 200', async () => {
    const health = healthWith(() => 'PONG');
    const app = await start(health);
    health.beginDrain();
    const ready = await http(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'fail', reason: 'draining' });
    expect((await http(`${app.url}/livez`)).status).toBe(200);
  });
});

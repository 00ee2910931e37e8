import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { recordSpans } from './span-kit.js';
import { counted, healthWith, json, request } from './test-kit.js';

// What a cached /readyz must keep now that it is written from a kept answer instead of rendered per request.

const { exporter, tracer } = recordSpans('test');

/** A probe whose outcome the test flips, on a clock the test moves. */
function flippable() {
  let up = true;
  let clock = 1_000;
  const probe = counted(() => {
    if (!up) throw new Error('PING timeout after 300ms');
  });
  return {
    probe,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    fail: () => {
      up = false;
    },
  };
}

async function promText(registry: Registry, name: string): Promise<number | undefined> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = metric?.values as { value: number; metricName?: string }[] | undefined;
  return values?.find((v) => (v.metricName ?? name) === `${name}_count`)?.value;
}

describe('a cached /readyz answer', () => {
  it('honours the TTL: a probe that starts failing shows at the first request after cacheTtlMs', async () => {
    const f = flippable();
    const health = healthWith([{ name: 'Redis', check: f.probe.check }], { cacheTtlMs: 1000, now: f.now });
    const readyz = createReadyz(health);
    for (let i = 0; i < 5; i++) expect((await request(readyz, '/readyz')).status).toBe(200);
    f.fail();
    f.advance(999);
    expect((await request(readyz, '/readyz')).status).toBe(200);
    expect(f.probe.calls).toBe(1);
    f.advance(1);
    const res = await request(readyz, '/readyz');
    expect(res.status).toBe(503);
    expect(json(res)).toMatchObject({ dependency: 'Redis', error: 'PING timeout after 300ms' });
    expect(f.probe.calls).toBe(2);
  });

  it('shows at once what changes before the TTL: a probe run by name, draining, maintenance', async () => {
    const f = flippable();
    const health = healthWith([{ name: 'Redis', check: f.probe.check }], { cacheTtlMs: 60_000, now: f.now });
    const readyz = createReadyz(health);
    await request(readyz, '/readyz');
    await request(readyz, '/readyz');
    f.fail();
    health.setReady(false, 'migrating');
    expect(json(await request(readyz, '/readyz'))).toMatchObject({ status: 'fail', reason: 'maintenance' });
    health.setReady(true);
    expect((await request(readyz, '/readyz')).status).toBe(200); // the cached result is still fresh
    f.advance(60_000);
    expect((await request(readyz, '/readyz/Redis')).status).toBe(503); // runs the probe, a new result
    expect(json(await request(readyz, '/readyz'))).toMatchObject({ status: 'fail', dependency: 'Redis' });
    health.beginDrain();
    expect(json(await request(readyz, '/readyz'))).toMatchObject({ status: 'fail', reason: 'draining' });
  });

  it('counts every request in the readiness metrics', async () => {
    const registry = new Registry();
    const health = healthWith([{ name: 'db', check: () => true }], { cacheTtlMs: 60_000 });
    const readyz = createReadyz(health, { metrics: { registry } });
    for (let i = 0; i < 25; i++) await request(readyz, '/readyz');
    expect(await promText(registry, 'readyz_latency_seconds')).toBe(25);
  });

  it('records a readyz.check span for every check that runs probes, and none for a kept answer', async () => {
    const f = flippable();
    const health = healthWith([{ name: 'db', check: f.probe.check }], {
      cacheTtlMs: 1000,
      now: f.now,
      tracer,
    });
    const readyz = createReadyz(health);
    exporter.reset();
    for (let i = 0; i < 10; i++) await request(readyz, '/readyz');
    const runs = f.probe.calls;
    f.advance(1000);
    for (let i = 0; i < 10; i++) await request(readyz, '/readyz');
    expect(f.probe.calls).toBe(runs + 1);
    const spans = exporter.getFinishedSpans();
    expect(spans.filter((s) => s.name === 'readyz.probe')).toHaveLength(2);
    // Each run's check, plus the first all-cached check after it (which builds the kept answer); no more.
    expect(spans.filter((s) => s.name === 'readyz.check')).toHaveLength(4);
  });

  it('answers with the same status, headers and body as the first, GET and HEAD, and a changed copy changes nothing', async () => {
    const health = healthWith([{ name: 'db', check: () => true }], { cacheTtlMs: 60_000 });
    const readyz = createReadyz(health);
    const first = await request(readyz, '/readyz');
    const firstHead = await request(readyz, '/readyz', { method: 'HEAD' });
    for (let i = 0; i < 3; i++) {
      const again = await request(readyz, '/readyz');
      expect(again).toEqual(first);
      again.status = 500;
      again.body = 'changed';
      try {
        (again.headers as Record<string, string>)['x-extra'] = '1';
      } catch {
        // shared headers are frozen: a kept answer refuses the change
      }
      expect(await request(readyz, '/readyz', { method: 'HEAD' })).toEqual(firstHead);
    }
    expect(first.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-length': '15',
    });
    expect(firstHead.body).toBe('');
    expect(firstHead.headers['content-length']).toBe('15');
  });

  it('keeps verbose, health+json, excluded and withheld-detail answers apart from the plain one', async () => {
    const health = healthWith(
      [
        { name: 'db', check: () => true },
        { name: 'search', check: () => Promise.reject(new Error('HTTP 502')), critical: false },
      ],
      { cacheTtlMs: 60_000 },
    );
    let trusted = false;
    const readyz = createReadyz(health, { details: () => trusted });
    await request(readyz, '/readyz');
    const plain = json(await request(readyz, '/readyz'));
    expect(plain).toEqual({ status: 'degraded', failures: [{ name: 'search', critical: false }] });
    trusted = true;
    expect(json(await request(readyz, '/readyz'))).toMatchObject({
      failures: [{ name: 'search', critical: false, error: 'HTTP 502' }],
    });
    expect(json(await request(readyz, '/readyz?verbose'))).toHaveProperty('checks');
    expect(json(await request(readyz, '/readyz?exclude=search'))).toEqual({ status: 'ok' });
    const healthJson = await request(readyz, '/readyz', { headers: { accept: 'application/health+json' } });
    expect(healthJson.headers['content-type']).toBe('application/health+json');
    trusted = false;
    expect(json(await request(readyz, '/readyz'))).toEqual(plain);
  });

  it("engine reports of a kept answer carry the check's own timestamp and share frozen checks", async () => {
    const health = healthWith([{ name: 'db', check: () => true }], { cacheTtlMs: 60_000 });
    await health.check('readiness');
    const kept = await health.check('readiness');
    const next = await health.check('readiness');
    expect(next).not.toBe(kept);
    expect(next.checks).toBe(kept.checks);
    expect(Object.isFrozen(next.checks)).toBe(true);
    next.status = 'fail'; // the head is the caller's own
    expect((await health.check('readiness')).status).toBe('ok');
  });

  it('answerNow() gives the same answer synchronously once it needs no waiting, and undefined while it would', async () => {
    const registry = new Registry();
    const probe = counted(() => true);
    const health = healthWith([{ name: 'db', check: probe.check }], { cacheTtlMs: 60_000 });
    const readyz = createReadyz(health, { metrics: { registry }, paths: { metrics: true } });
    const get = { method: 'GET', path: '/readyz' };
    expect(readyz.answerNow(get)).toBeUndefined(); // nothing cached: a check must run
    expect(probe.calls).toBe(0); // and answerNow() never starts one
    const first = await readyz.handle(get);
    expect(readyz.answerNow(get)).toBeUndefined(); // the first all-cached check builds the kept report
    await readyz.handle(get);
    expect(readyz.answerNow(get)).toEqual(first);
    expect(readyz.answerNow({ method: 'HEAD', path: '/health/ready' })).toMatchObject({
      status: 200,
      body: '',
    });
    expect(readyz.answerNow({ method: 'GET', path: '/readyz?verbose' })).toMatchObject({ status: 200 });
    expect(readyz.answerNow({ method: 'POST', path: '/readyz' })).toMatchObject({ status: 405 });
    expect(readyz.answerNow({ method: 'GET', path: '/nope' })).toMatchObject({ status: 404 });
    expect(readyz.answerNow({ method: 'GET', path: '/readyz/db' })).toBeUndefined(); // a probe route runs it
    expect(readyz.answerNow({ method: 'GET', path: '/metrics' })).toBeUndefined();
    expect(readyz.answerNow({ method: 'GET', path: '/readyz?exclude=db' })).toBeUndefined();
    expect(probe.calls).toBe(1);
    // Two handle(); answerNow() on /readyz, HEAD /health/ready and ?verbose: every full readiness answer counts.
    expect(await promText(registry, 'readyz_latency_seconds')).toBe(5);
  });
});

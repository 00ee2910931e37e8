import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { deferred, flushMicrotasks } from './test-kit.js';

const base = { service: 'orders-api', version: '1.4.0' };

describe('single flight', () => {
  it('1,000 concurrent checks share one run of each probe', async () => {
    const health = createHealth({ ...base, cacheTtlMs: 0 });
    const gates = { postgres: deferred(), redis: deferred(), kafka: deferred() };
    const calls = { postgres: 0, redis: 0, kafka: 0 };
    for (const name of ['postgres', 'redis', 'kafka'] as const) {
      health.register({
        name,
        check: () => {
          calls[name] += 1;
          return gates[name].promise;
        },
      });
    }
    const pending = Array.from({ length: 1000 }, () => health.check('readiness'));
    await flushMicrotasks();
    expect(calls).toEqual({ postgres: 1, redis: 1, kafka: 1 });
    gates.postgres.resolve('ok');
    gates.redis.resolve('PONG');
    gates.kafka.reject(new Error('no brokers'));
    const reports = await Promise.all(pending);
    expect(calls).toEqual({ postgres: 1, redis: 1, kafka: 1 });
    expect(new Set(reports.map((r) => JSON.stringify([r.status, r.dependency, r.error])))).toEqual(
      new Set([JSON.stringify(['fail', 'kafka', 'no brokers'])]),
    );
    // Joined runs are real runs, not cache hits.
    expect(reports.every((r) => r.checks?.every((c) => c.cached === false))).toBe(true);
    // With cacheTtlMs 0 the next check runs again.
    const next = health.check('readiness');
    await flushMicrotasks();
    expect(calls).toEqual({ postgres: 2, redis: 2, kafka: 2 });
    await next;
  });

  it('is per probe, not per group: a slow probe never queues the fast ones', async () => {
    const health = createHealth({ ...base, cacheTtlMs: 0 });
    const slow = deferred();
    let fastCalls = 0;
    health.register({ name: 'slow', check: () => slow.promise });
    health.register({
      name: 'fast',
      check: () => {
        fastCalls += 1;
        return 'ok';
      },
    });
    let whole: unknown;
    void health.check('readiness').then((r) => {
      whole = r;
    });
    await flushMicrotasks();
    const one = await health.checkProbe('fast');
    expect(one).toMatchObject({ status: 'ok', group: 'probe', checks: [{ name: 'fast', status: 'ok' }] });
    const partial = await health.check('readiness', { exclude: ['slow'] });
    expect(partial.status).toBe('ok');
    expect(fastCalls).toBe(3);
    expect(whole).toBeUndefined();
    slow.resolve('done');
    await flushMicrotasks();
    expect(whole).toMatchObject({ status: 'ok' });
  });
});

describe('cache', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reuses a settled result for cacheTtlMs (default 1000 ms), then runs again', async () => {
    const health = createHealth(base);
    let calls = 0;
    health.register({
      name: 'db',
      check: () => {
        calls += 1;
      },
    });
    const first = await health.check('readiness');
    expect(first.checks?.[0]?.cached).toBe(false);
    await vi.advanceTimersByTimeAsync(999);
    const second = await health.check('readiness');
    expect(calls).toBe(1);
    expect(second.checks?.[0]?.cached).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    const third = await health.check('readiness');
    expect(calls).toBe(2);
    expect(third.checks?.[0]?.cached).toBe(false);
  });

  it('caches failures too, with the same redacted reason', async () => {
    const health = createHealth({ ...base, cacheTtlMs: 5000 });
    let calls = 0;
    health.register({
      name: 'db',
      check: () => {
        calls += 1;
        throw new Error('password=hunter2 rejected');
      },
    });
    const reports = [];
    for (let i = 0; i < 10; i++) {
      reports.push(await health.check('readiness'));
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(calls).toBe(1);
    expect(reports.every((r) => r.status === 'fail' && r.error === 'password=*** rejected')).toBe(true);
    expect(reports.slice(1).every((r) => r.checks?.[0]?.cached === true)).toBe(true);
  });

  it('is shared between groups and checkProbe, since a probe has one result', async () => {
    const health = createHealth(base);
    let calls = 0;
    health.register({
      name: 'db',
      groups: ['liveness', 'readiness'],
      check: () => {
        calls += 1;
      },
    });
    await health.check('readiness');
    await health.check('liveness');
    await health.checkProbe('db');
    expect(calls).toBe(1);
  });

  it('with staleWhileRevalidate answers a stale result at once while exactly one refresh runs', async () => {
    const health = createHealth({ ...base, cacheTtlMs: 1000, staleWhileRevalidate: true });
    let calls = 0;
    let gate = deferred();
    health.register({
      name: 'db',
      check: () => {
        calls += 1;
        return gate.promise;
      },
    });
    // No result yet: the first caller waits for the run.
    const first = health.check('readiness');
    gate.resolve('ok');
    expect((await first).status).toBe('ok');
    await vi.advanceTimersByTimeAsync(1500);

    gate = deferred();
    const stale = await Promise.all(Array.from({ length: 100 }, () => health.check('readiness')));
    expect(calls).toBe(2);
    expect(stale.every((r) => r.status === 'ok' && r.checks?.[0]?.cached === true)).toBe(true);

    gate.reject(new Error('connection reset'));
    await flushMicrotasks();
    const refreshed = await health.check('readiness');
    expect(calls).toBe(2);
    expect(refreshed).toMatchObject({ status: 'fail', error: 'connection reset' });
    expect(refreshed.checks?.[0]?.cached).toBe(true);
  });

  it('snapshot() reads the last results and never runs a probe', async () => {
    const health = createHealth(base);
    let calls = 0;
    health.register({
      name: 'db',
      critical: false,
      groups: ['readiness', 'liveness'],
      check: () => {
        calls += 1;
        return Promise.reject(new Error('token=abc123 expired'));
      },
    });
    expect(health.snapshot()).toEqual([
      {
        name: 'db',
        groups: ['liveness', 'readiness'],
        critical: false,
        status: undefined,
        durationMs: undefined,
        error: undefined,
        settledAt: undefined,
      },
    ]);
    await health.check('readiness');
    for (let i = 0; i < 5; i++) health.snapshot();
    expect(calls).toBe(1);
    expect(health.snapshot()[0]).toMatchObject({
      status: 'fail',
      error: 'token=*** expired',
      settledAt: Date.now(),
    });
  });
});

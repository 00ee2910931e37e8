// Real timers on purpose: active handles and unhandled rejections only exist on the real event loop.
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { getEventListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { recordingLogger } from './test-kit.js';

const timers = () => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;

// Every Timeout created by `fn` (and whatever it schedules), minus those cleared or fired: what a leak
// would leave. The AsyncLocalStorage marker keeps out timers the test runner creates meanwhile in
// the same worker (its RPC timeouts), which would otherwise make the count flaky under load.
async function timeoutsLeftBy(fn: () => Promise<void>): Promise<number> {
  const marker = new AsyncLocalStorage<true>();
  const live = new Set<number>();
  const hook = createHook({
    init(id, type) {
      if (type === 'Timeout' && marker.getStore() === true) live.add(id);
    },
    destroy(id) {
      live.delete(id);
    },
  });
  hook.enable();
  try {
    await marker.run(true, fn);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    hook.disable();
  }
  return live.size;
}

describe('timeouts leave nothing behind', () => {
  it('10,000 checks against never-settling probes leave no active timer, listener or pending run', async () => {
    const signals: AbortSignal[] = [];
    const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
    for (let i = 1; i <= 5; i++) {
      health.register({
        name: `hang-${i}`,
        timeoutMs: i,
        critical: i % 2 === 1,
        check: (signal) => {
          signals.push(signal);
          return new Promise(() => {});
        },
      });
    }
    const before = process.getActiveResourcesInfo();
    const timersBefore = timers();
    let checks = 0;
    const left = await timeoutsLeftBy(async () => {
      for (let wave = 0; wave < 20; wave++) {
        const reports = await Promise.all(
          Array.from({ length: 500 }, (_, i) =>
            i % 10 === 0 ? health.checkProbe(`hang-${(i % 5) + 1}`) : health.check('readiness'),
          ),
        );
        checks += reports.length;
        for (const report of reports) expect(report?.status).toBe('fail');
      }
    });
    expect(checks).toBe(10_000);
    expect(left).toBe(0);
    // At most what was there before (an unrelated timer of the runner may have fired meanwhile).
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before.length);
    // Single flight: one real run per probe per wave, not one per check.
    expect(signals.length).toBeLessThanOrEqual(20 * 5 * 2);
    for (const signal of signals) {
      expect(signal.aborted).toBe(true);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    }
    // Nothing in flight: the snapshot holds a settled result for every probe.
    expect(
      health.snapshot().every((probe) => probe.status === 'fail' && probe.error?.startsWith('timeout after')),
    ).toBe(true);
    await health.close();
  });

  it('probes that answer before their timeout leave no timer either (each run clears its own)', async () => {
    const health = createHealth({
      service: 'orders-api',
      version: '1.4.0',
      cacheTtlMs: 0,
      probeTimeoutMs: 5000,
    });
    health.register({ name: 'fast', check: async () => 'PONG' });
    health.register({ name: 'sync', check: () => true });
    health.register({ name: 'fails', critical: false, check: () => Promise.reject(new Error('down')) });
    const left = await timeoutsLeftBy(async () => {
      for (let wave = 0; wave < 100; wave++) {
        await Promise.all(Array.from({ length: 100 }, () => health.check('readiness')));
      }
    });
    expect(left).toBe(0);
  });

  it('close() cancels runs in flight and clears their timers at once', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0' });
    let signal: AbortSignal | undefined;
    health.register({
      name: 'db',
      timeoutMs: 5000,
      check: (s) => {
        signal = s;
        return new Promise(() => {});
      },
    });
    const left = await timeoutsLeftBy(async () => {
      const pending = health.check('readiness');
      await health.close();
      expect(await pending).toMatchObject({ status: 'fail', reason: 'closed', error: 'closed' });
    });
    expect(signal?.aborted).toBe(true);
    expect(left).toBe(0);
  });
});

describe('abandoned probe promises', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('a rejection after the timeout is swallowed, logged once (redacted), and never unhandled', async () => {
    const logger = recordingLogger();
    const health = createHealth({ service: 'orders-api', version: '1.4.0', logger, cacheTtlMs: 0 });
    health.register({
      name: 'postgres',
      timeoutMs: 5,
      check: () =>
        new Promise((_resolve, reject) => {
          setTimeout(() => reject(new Error('auth failed for postgres://user:s3cret@db/x')), 30);
        }),
    });
    const reports = await Promise.all(Array.from({ length: 1000 }, () => health.check('readiness')));
    expect(reports.every((report) => report.error === 'timeout after 5ms')).toBe(true);
    await sleep(60);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]?.fields).toMatchObject({
      service: 'orders-api',
      probe: 'postgres',
      error: 'auth failed for postgres://user:***@db/x',
    });
    expect(JSON.stringify(logger.lines)).not.toContain('s3cret');
  });

  it('late rejections with non-Errors and late resolutions are never unhandled either', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
    const late = [undefined, null, 'late string', 7, { code: 'X' }, Symbol('late')];
    late.forEach((reason, index) => {
      health.register({
        name: `late-${index}`,
        timeoutMs: 2,
        check: () => new Promise((_resolve, reject) => setTimeout(() => reject(reason), 15)),
      });
    });
    health.register({
      name: 'late-ok',
      timeoutMs: 2,
      check: () => new Promise((resolve) => setTimeout(() => resolve('PONG'), 15)),
    });
    const report = await health.check('readiness');
    expect(report.failures).toHaveLength(late.length + 1);
    await sleep(40);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});

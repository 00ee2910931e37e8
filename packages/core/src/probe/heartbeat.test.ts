import { createHook } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { applyResult, INITIAL_THRESHOLD_STATE, type ThresholdState } from './thresholds.js';
import type { HealthChange } from './types.js';

const heartbeat = { intervalMs: 10_000, successThreshold: 3, failureThreshold: 3, graceMs: 30_000 };
const base = { service: 'orders-api', version: '1.4.0', heartbeat };

describe('heartbeat thresholds (pure)', () => {
  const run = (results: ('ok' | 'fail')[], graceRounds = 0): ThresholdState['status'][] => {
    let state = INITIAL_THRESHOLD_STATE;
    return results.map((result, i) => {
      state = applyResult(state, result, i < graceRounds, heartbeat);
      return state.status;
    });
  };

  it('turns failing only after failureThreshold consecutive failures', () => {
    expect(run(['fail', 'fail', 'fail'])).toEqual(['ok', 'ok', 'fail']);
    expect(run(['fail', 'fail', 'ok', 'fail', 'fail', 'ok'])).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('turns healthy again only after successThreshold consecutive successes', () => {
    expect(run(['fail', 'fail', 'fail', 'ok', 'ok', 'fail', 'ok', 'ok', 'ok'])).toEqual([
      'ok',
      'ok',
      'fail',
      'fail',
      'fail',
      'fail',
      'fail',
      'fail',
      'ok',
    ]);
  });

  it('ignores failures in the grace window', () => {
    expect(run(['fail', 'fail', 'fail', 'fail', 'fail'], 3)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(run(['fail', 'fail', 'fail', 'fail', 'fail', 'fail'], 3)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'fail',
    ]);
  });
});

describe('heartbeat mode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs probes in the background and applies grace, failure and success thresholds', async () => {
    const health = createHealth(base);
    let healthy = false;
    let calls = 0;
    health.register({
      name: 'postgres',
      groups: ['liveness', 'readiness'],
      check: () => {
        calls += 1;
        if (!healthy) throw new Error('connection refused');
      },
    });
    const status = async () => {
      const before = calls;
      const report = await health.check('readiness');
      expect(calls, 'a check in heartbeat mode never runs a probe').toBe(before);
      return report.status;
    };
    const timeline: string[] = [];
    await vi.advanceTimersByTimeAsync(0); // first round, t=0
    timeline.push(await status());
    for (let t = 10_000; t <= 50_000; t += 10_000) {
      await vi.advanceTimersByTimeAsync(10_000);
      timeline.push(await status());
    }
    // t=0,10,20 inside the 30 s grace; t=30,40,50 count: failing after the third.
    expect(timeline).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'fail']);
    expect(calls).toBe(6);
    const failing = await health.check('readiness');
    expect(failing).toMatchObject({ dependency: 'postgres', error: 'connection refused' });
    expect(failing.checks?.[0]).toMatchObject({ status: 'fail', cached: true });

    healthy = true;
    const recovery: string[] = [];
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      recovery.push(await status());
    }
    expect(recovery).toEqual(['fail', 'fail', 'ok']);
    expect((await health.check('liveness')).status).toBe('ok');
    await health.close();
  });

  it('answers at once from the state even while a background run hangs', async () => {
    const health = createHealth(base);
    health.register({ name: 'kafka', timeoutMs: 5000, check: () => new Promise(() => {}) });
    await vi.advanceTimersByTimeAsync(0);
    let answered = false;
    const pending = health.check('readiness').then((report) => {
      answered = true;
      return report;
    });
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toBe(true);
    expect((await pending).status).toBe('ok');
    await health.close();
  });

  it('announces transitions found by background rounds, without any check', async () => {
    const health = createHealth({ ...base, heartbeat: { ...heartbeat, graceMs: 0, failureThreshold: 2 } });
    const changes: HealthChange[] = [];
    health.on('change', (change) => changes.push(change));
    health.register({
      name: 'redis',
      groups: ['liveness'],
      check: () => Promise.reject(new Error('PING timeout')),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(changes.map((c) => [c.group, c.current.status])).toEqual([
      ['liveness', 'ok'],
      ['readiness', 'ok'],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes.map((c) => [c.group, c.current.status])).toEqual([
      ['liveness', 'ok'],
      ['readiness', 'ok'],
      ['liveness', 'fail'],
    ]);
    expect(changes[2]?.previous?.status).toBe('ok');
    await health.close();
  });

  it('never overlaps rounds: a probe slower than the interval counts once per run', async () => {
    const health = createHealth({ ...base, heartbeat: { ...heartbeat, intervalMs: 1000, graceMs: 0 } });
    let calls = 0;
    health.register({
      name: 'slow',
      timeoutMs: 2500,
      check: () => {
        calls += 1;
        return new Promise(() => {});
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5000);
    // Runs start at 0 and, after each 2.5 s timeout, at the next interval tick: 0, 3000.
    expect(calls).toBe(2);
    await health.close();
  });

  it('runs startup probes live, not in the background', async () => {
    const health = createHealth(base);
    let startupCalls = 0;
    health.register({
      name: 'migrations',
      groups: ['startup'],
      check: () => {
        startupCalls += 1;
      },
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(startupCalls).toBe(0);
    expect((await health.check('startup')).status).toBe('ok');
    expect(startupCalls).toBe(1);
    expect(health.state).toBe('started');
    await health.close();
  });

  it('close() stops the loop and every timer', async () => {
    const health = createHealth(base);
    let calls = 0;
    health.register({
      name: 'db',
      check: () => {
        calls += 1;
        return new Promise(() => {});
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await health.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });
});

describe('heartbeat timers', () => {
  it('are unref’d, the background runs’ timers included: a health in heartbeat mode keeps no process alive', async () => {
    const created: { hasRef(): boolean }[] = [];
    const hook = createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'Timeout') created.push(resource as { hasRef(): boolean });
      },
    });
    hook.enable();
    let health: ReturnType<typeof createHealth> | undefined;
    let runTimer: { hasRef(): boolean } | undefined;
    try {
      health = createHealth(base); // creates the loop's timers synchronously
      const loopTimers = created.splice(0);
      health.register({
        name: 'db',
        check: () => {
          // The run's timeout timer was created in this same synchronous frame, just before the call.
          runTimer = created.at(-1);
          return new Promise(() => {});
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(loopTimers).toHaveLength(2);
      expect(loopTimers.map((timer) => timer.hasRef())).toEqual([false, false]);
      expect(runTimer?.hasRef()).toBe(false);
    } finally {
      hook.disable();
      await health?.close();
    }
  });
});

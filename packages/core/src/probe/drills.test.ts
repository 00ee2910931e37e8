import { parseContract } from '@rollgate/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRollgateError } from '../index.js';
import { createHealth } from './create-health.js';
import { SIMULATED_FAILURE } from './drills.js';
import { recordingLogger } from './test-kit.js';
import type { Health, HealthOptions, ProbeRun } from './types.js';

const healths: Health[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function make(extra: Partial<HealthOptions> = {}) {
  const logger = recordingLogger();
  const health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    cacheTtlMs: 60_000,
    logger,
    ...extra,
  });
  healths.push(health);
  const aborts: unknown[] = [];
  let calls = 0;
  health.register({
    name: 'Redis',
    timeoutMs: 200,
    operation: 'PING',
    check: (signal) => {
      calls += 1;
      signal.addEventListener('abort', () => aborts.push(signal.reason));
      return 'PONG';
    },
  });
  health.register({ name: 'Postgres', check: () => true });
  return { health, logger, aborts, calls: () => calls };
}

const valid = <T>(report: T): T => {
  const parsed = parseContract('health-report', report);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return report;
};

describe('failure drills: health.simulate()', () => {
  it('a fail drill fails the probe at once, even over a fresh cached result, marked simulated, and ends by itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { health, logger } = make();
    expect((await health.check('readiness')).status).toBe('ok');
    const drill = health.simulate('Redis', { mode: 'fail', forMs: 60_000 });
    expect(drill).toMatchObject({ probe: 'Redis', mode: 'fail', forMs: 60_000, latencyMs: undefined });
    expect(Date.parse(drill.endsAt) - Date.parse(drill.startedAt)).toBe(60_000);
    const during = valid(await health.check('readiness'));
    expect(during).toMatchObject({ status: 'fail', dependency: 'Redis', error: SIMULATED_FAILURE });
    expect(during.failures).toEqual([
      { name: 'Redis', critical: true, error: SIMULATED_FAILURE, simulated: true },
    ]);
    expect(during.checks?.find((c) => c.name === 'Redis')).toMatchObject({ status: 'fail', simulated: true });
    expect(during.checks?.find((c) => c.name === 'Postgres')?.simulated).toBeUndefined();
    expect(health.drills()).toEqual([drill]);
    expect(logger.lines).toContainEqual({
      fields: expect.objectContaining({ probe: 'Redis', mode: 'fail', simulated: true }),
      message: expect.stringContaining('not an outage'),
    });

    vi.advanceTimersByTime(60_000);
    expect(health.drills()).toEqual([]);
    const after = valid(await health.check('readiness'));
    expect(after.status).toBe('ok');
    expect(after.checks?.some((c) => c.simulated)).toBe(false);
    expect(logger.lines.at(-1)).toMatchObject({
      fields: { probe: 'Redis', end: 'expired', simulated: true },
    });
  });

  it('a hang drill runs the real timeout path: the probe fails with its timeout text and its signal is aborted', async () => {
    const { health, aborts, calls } = make({ cacheTtlMs: 0 });
    const runs: ProbeRun[] = [];
    health.on('probe', (run) => runs.push(run));
    health.simulate('Redis', { mode: 'hang', forMs: 10_000 });
    const report = await health.check('readiness');
    expect(report).toMatchObject({ status: 'fail', dependency: 'Redis', error: 'PING timeout after 200ms' });
    expect(runs.find((run) => run.name === 'Redis')).toMatchObject({ timedOut: true, simulated: true });
    // The drill stands in for the check: the real probe was not called while it hung.
    expect(calls()).toBe(0);
    expect(aborts).toEqual([]);
    expect(health.endSimulation('Redis')).toBe(true);
    expect(health.endSimulation('Redis')).toBe(false);
    expect((await health.check('readiness')).status).toBe('ok');
  });

  it('a latency drill delays the real check, which still runs; beyond the timeout it fails as a timeout', async () => {
    const { health, calls } = make({ cacheTtlMs: 0 });
    health.simulate('Redis', { mode: 'latency', latencyMs: 50, forMs: 10_000 });
    const slow = await health.check('readiness');
    expect(slow.status).toBe('ok');
    const redis = slow.checks?.find((c) => c.name === 'Redis');
    expect(redis?.duration_ms).toBeGreaterThanOrEqual(45);
    expect(redis?.simulated).toBe(true);
    expect(calls()).toBe(1);
    health.simulate('Redis', { mode: 'latency', latencyMs: 1000, forMs: 10_000 });
    expect(await health.check('readiness')).toMatchObject({
      status: 'fail',
      error: 'PING timeout after 200ms',
    });
    expect(calls()).toBe(1);
  });

  it('refuses an unknown probe, a missing or over-long forMs, a bad mode and unknown keys, with coded errors', () => {
    const { health } = make();
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return isRollgateError(error) ? error.code : 'not a RollgateError';
      }
      return undefined;
    };
    expect(code(() => health.simulate('Mongo', { mode: 'fail', forMs: 1000 }))).toBe(
      'ROLLGATE_ERR_UNKNOWN_PROBE',
    );
    expect(code(() => health.simulate('Redis', { mode: 'fail' } as never))).toBe(
      'ROLLGATE_ERR_INVALID_SIMULATION',
    );
    expect(code(() => health.simulate('Redis', { mode: 'fail', forMs: 3_600_001 }))).toBe(
      'ROLLGATE_ERR_INVALID_SIMULATION',
    );
    expect(code(() => health.simulate('Redis', { mode: 'explode', forMs: 1000 } as never))).toBe(
      'ROLLGATE_ERR_INVALID_SIMULATION',
    );
    expect(code(() => health.simulate('Redis', { mode: 'latency', forMs: 1000 }))).toBe(
      'ROLLGATE_ERR_INVALID_SIMULATION',
    );
    expect(code(() => health.simulate('Redis', { mode: 'fail', forMs: 1000, latencyMs: 5 }))).toBe(
      'ROLLGATE_ERR_INVALID_SIMULATION',
    );
    expect(code(() => health.simulate('Redis', { mode: 'fail', forMS: 1000 } as never))).toBe(
      'ROLLGATE_ERR_UNKNOWN_OPTION',
    );
    expect(health.drills()).toEqual([]);
  });

  it('close() ends every drill, leaving no timer behind, and a closed health refuses new drills', async () => {
    const { health } = make();
    health.simulate('Redis', { mode: 'fail', forMs: 3_600_000 });
    health.simulate('Postgres', { mode: 'hang', forMs: 3_600_000 });
    expect(health.drills().map((d) => d.probe)).toEqual(['Redis', 'Postgres']);
    await health.close();
    expect(health.drills()).toEqual([]);
    expect(() => health.simulate('Redis', { mode: 'fail', forMs: 1000 })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_HEALTH_CLOSED' }),
    );
  });

  it('in heartbeat mode the drill goes through the thresholds like a real failure, marked simulated', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { health } = make({
      heartbeat: { intervalMs: 1000, failureThreshold: 2, successThreshold: 1, graceMs: 0 },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect((await health.check('readiness')).status).toBe('ok');
    health.simulate('Redis', { mode: 'fail', forMs: 60_000 });
    await vi.advanceTimersByTimeAsync(1000);
    const once = await health.check('readiness');
    expect(once.status).toBe('ok');
    expect(once.checks?.find((c) => c.name === 'Redis')?.simulated).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await health.check('readiness')).toMatchObject({ status: 'fail', dependency: 'Redis' });
  });
});

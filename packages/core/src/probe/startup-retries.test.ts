import { parseContract } from '@rollgate/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { backoffAfter, nextStep } from './retry-schedule.js';
import { recordingLogger } from './test-kit.js';
import type { Health, ProbeRegistration } from './types.js';

const healths: Health[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function make(registration: Partial<ProbeRegistration> & Pick<ProbeRegistration, 'check'>) {
  const logger = recordingLogger();
  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, logger });
  healths.push(health);
  health.register({ name: 'migrations', groups: ['startup'], timeoutMs: 1000, ...registration });
  return { health, logger };
}

const valid = <T>(report: T): T => {
  const parsed = parseContract('health-report', report);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return report;
};

describe('startup probes with retries and a budget', () => {
  it('retries with backoff in the background and reports which attempt passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    let calls = 0;
    const { health } = make({
      check: () => {
        calls += 1;
        if (calls < 3) throw new Error(`schema at v4${calls}, need v43`);
      },
      retries: { attempts: 3, backoffMs: 1000, budgetMs: 120_000 },
    });
    const first = valid(await health.check('startup'));
    expect(first).toMatchObject({ status: 'fail', reason: 'starting', dependency: 'migrations' });
    expect(first.error).toMatch(/^attempt 1 of 3 failed: schema at v41, need v43; attempt 2 in 1000ms$/);
    expect(first.checks?.[0]).toMatchObject({ attempt: 1, cached: false });

    // A check while backing off answers from the sequence's state and runs nothing.
    const waiting = await health.check('startup');
    expect(waiting.checks?.[0]).toMatchObject({ attempt: 1, cached: true });
    expect(calls).toBe(1);

    await vi.advanceTimersByTimeAsync(1000); // attempt 2 fails; the next wait doubles
    expect(calls).toBe(2);
    expect((await health.check('startup')).error).toMatch(/^attempt 2 of 3 failed: .*; attempt 3 in 2000ms$/);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(3);
    expect(health.state).toBe('starting');
    const passed = valid(await health.check('startup'));
    expect(passed.status).toBe('ok');
    expect(passed.checks?.[0]).toMatchObject({ status: 'ok', attempt: 3 });
    expect(health.state).toBe('started');
  });

  it('says why the budget ran out: attempts used up, or no time left for the next one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const used = make({
      check: () => {
        throw new Error('connection refused');
      },
      retries: { attempts: 2, backoffMs: 10, budgetMs: 60_000 },
    });
    await used.health.check('startup');
    await vi.advanceTimersByTimeAsync(10);
    const exhausted = await used.health.check('startup');
    expect(exhausted).toMatchObject({ status: 'fail', reason: 'starting' });
    expect(exhausted.error).toBe('all 2 attempts failed: connection refused');
    expect(used.logger.lines.at(-1)?.message).toBe('startup probe migrations: all 2 attempts failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await used.health.check('startup')).error).toBe('all 2 attempts failed: connection refused');

    const timed = make({
      name: 'schema',
      check: () => {
        throw new Error('locked');
      },
      retries: { attempts: 10, backoffMs: 2000, budgetMs: 5000 },
    });
    await timed.health.check('startup');
    await vi.advanceTimersByTimeAsync(2000);
    // Attempt 2 failed at ~2 s; the next wait (4 s) would start attempt 3 past the 5 s budget.
    expect((await timed.health.check('startup')).error).toBe(
      'budget of 5000ms ran out after attempt 2 of 10: locked',
    );
  });

  it('each attempt keeps its own timeout (the 5 s cap holds)', async () => {
    let calls = 0;
    const { health } = make({
      timeoutMs: 50,
      check: () => {
        calls += 1;
        return calls === 1 ? new Promise(() => {}) : true;
      },
      retries: { attempts: 2, backoffMs: 0, budgetMs: 10_000 },
    });
    const first = await health.check('startup');
    expect(first.error).toMatch(/^attempt 1 of 2 failed: timeout after 50ms; attempt 2 in 0ms$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await health.check('startup')).toMatchObject({ status: 'ok' });
    expect(() =>
      health.register({
        name: 'slow',
        groups: ['startup'],
        timeoutMs: 6000,
        check: () => true,
        retries: { attempts: 3, budgetMs: 120_000 },
      }),
    ).toThrow(expect.objectContaining({ code: 'ROLLGATE_ERR_PROBE_TIMEOUT_CAP' }));
  });

  it('refuses retries on a probe outside the startup group, a budget below the timeout and unknown keys', () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0' });
    healths.push(health);
    const register = (registration: Partial<ProbeRegistration>) => () =>
      health.register({ name: 'x', check: () => true, ...registration });
    expect(register({ retries: { attempts: 3, budgetMs: 120_000 } })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE' }),
    );
    expect(register({ groups: ['startup'], retries: { attempts: 3, budgetMs: 10 } })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE' }),
    );
    expect(register({ groups: ['startup'], retries: { attempts: 0, budgetMs: 120_000 } })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE' }),
    );
    expect(
      register({ groups: ['startup'], retries: { attempts: 3, budgetMs: 120_000, backof: 5 } as never }),
    ).toThrow(expect.objectContaining({ code: 'ROLLGATE_ERR_UNKNOWN_OPTION' }));
  });

  it('the schedule doubles the backoff up to 30 s and never starts an attempt past the budget', () => {
    const retries = { attempts: 10, backoffMs: 1000, budgetMs: 120_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffAfter(retries, n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(nextStep(retries, 1, 0)).toEqual({ kind: 'retry', waitMs: 1000 });
    expect(nextStep(retries, 10, 0)).toEqual({ kind: 'exhausted', why: 'all 10 attempts failed' });
    expect(nextStep(retries, 6, 95_000)).toEqual({
      kind: 'exhausted',
      why: 'budget of 120000ms ran out after attempt 6 of 10',
    });
  });
});

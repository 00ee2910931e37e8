import { isRollgateError } from '@rollgate/contract/errors';
import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import type { HealthOptions, ProbeRegistration } from './types.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('unknown options are refused, never silently defaulted', () => {
  it('createHealth names the misspelled key and the key it meant', () => {
    const error = thrown(() =>
      createHealth({ service: 's', version: '1', probeTimeout: 9000 } as unknown as HealthOptions),
    );
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((error as Error).message).toBe(
      'createHealth: unknown option "probeTimeout"; did you mean "probeTimeoutMs"?',
    );
  });

  it('heartbeat options are checked too, including the timeoutMs it never had', () => {
    const interval = thrown(() =>
      createHealth({ service: 's', version: '1', heartbeat: { interval: 5 } } as unknown as HealthOptions),
    );
    expect((interval as Error).message).toBe(
      'createHealth heartbeat: unknown option "interval"; did you mean "intervalMs"?',
    );
    const timeout = thrown(() =>
      createHealth({ service: 's', version: '1', heartbeat: { timeoutMs: 5 } } as unknown as HealthOptions),
    );
    expect(isRollgateError(timeout, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((timeout as Error).message).toContain('unknown option "timeoutMs"');
  });

  it('register refuses an unknown key of a registration', () => {
    const health = createHealth({ service: 's', version: '1' });
    const error = thrown(() =>
      health.register({ name: 'db', check: () => true, timeout: 100 } as unknown as ProbeRegistration),
    );
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((error as Error).message).toBe(
      'register("db"): unknown option "timeout"; did you mean "timeoutMs"?',
    );
    expect(health.probeNames()).toEqual([]);
  });

  it('check rejects a misspelt option rather than checking every probe', async () => {
    const health = createHealth({ service: 's', version: '1' });
    health.register({ name: 'db', check: () => true });
    const error = await health
      .check('readiness', { excude: ['db'] } as unknown as { exclude: string[] })
      .catch((caught: unknown) => caught);
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((error as Error).message).toBe('check: unknown option "excude"; did you mean "exclude"?');
    expect((await health.check('readiness', { exclude: ['db'] })).checks).toEqual([]);
  });

  it('accepts every documented key', () => {
    const health = createHealth({
      service: 's',
      version: '1',
      probeTimeoutMs: 100,
      cacheTtlMs: 0,
      staleWhileRevalidate: false,
      deadlineMs: 500,
      heartbeat: { intervalMs: 1000, successThreshold: 1, failureThreshold: 1, graceMs: 0 },
      redact: [],
      sinks: [],
      environment: 'staging',
      timestampOffset: 'Z',
      logger: { warn: () => undefined },
      now: () => 0,
      correlationId: 'c-1',
      taskId: 't-1',
      phaseIndex: 0,
      maxErrorLength: 512,
    });
    health.register({
      name: 'db',
      check: () => true,
      critical: false,
      groups: ['readiness'],
      timeoutMs: 50,
      operation: 'PING',
    });
    expect(health.probeNames()).toEqual(['db']);
    return health.close();
  });
});

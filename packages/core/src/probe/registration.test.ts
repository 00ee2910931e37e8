import { describe, expect, it } from 'vitest';
import { isRollgateError, ROLLGATE_ERRORS, RollgateError, type RollgateErrorCode } from '../index.js';
import { createHealth } from './create-health.js';
import type { HealthOptions, ProbeRegistration } from './types.js';

const base = { service: 'orders-api', version: '1.4.0' };

function thrown(fn: () => unknown): RollgateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RollgateError) return error;
    throw new Error(`expected a RollgateError, got ${String(error)}`);
  }
  throw new Error('expected a RollgateError, nothing was thrown');
}

const register = (registration: unknown) => () =>
  createHealth(base).register(registration as ProbeRegistration);

describe('register() refuses bad probes with a coded error', () => {
  it('refuses a duplicate name', () => {
    const health = createHealth(base);
    health.register({ name: 'postgres', check: () => true });
    const error = thrown(() =>
      health.register({ name: 'postgres', check: () => true, groups: ['liveness'] }),
    );
    expect(error).toMatchObject({
      code: 'ROLLGATE_ERR_DUPLICATE_PROBE',
      statusCode: 500,
      name: 'RollgateError',
      message: 'a probe named "postgres" is already registered',
    });
    expect(health.probeNames()).toEqual(['postgres']);
  });

  it.each([[''], ['   '], ['\t\n']])('refuses the empty name %j', (name) => {
    expect(thrown(register({ name, check: () => true })).code).toBe('ROLLGATE_ERR_EMPTY_PROBE_NAME');
  });

  it.each([
    [' padded', 'starts or ends with whitespace'],
    ['x'.repeat(257), 'longer than 256 bytes of UTF-8'],
    ['line\nbreak', 'contains a control character'],
    [42, 'expected a string, got number'],
    [undefined, 'expected a string, got undefined'],
  ])('refuses the name %j', (name, why) => {
    const error = thrown(register({ name, check: () => true }));
    expect(error.code).toBe('ROLLGATE_ERR_INVALID_PROBE_NAME');
    expect(error.message).toContain(why);
  });

  it('refuses a timeout above the 5,000 ms cap', () => {
    const error = thrown(register({ name: 'db', check: () => true, timeoutMs: 5001 }));
    expect(error).toMatchObject({ code: 'ROLLGATE_ERR_PROBE_TIMEOUT_CAP' });
    expect(error.message).toBe(
      'timeoutMs of probe "db" of 5001ms is above the 5000ms cap (a longer probe keeps Kubernetes from evicting a stuck pod)',
    );
    expect(() =>
      createHealth(base).register({ name: 'db', check: () => true, timeoutMs: 5000 }),
    ).not.toThrow();
  });

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['100']])(
    'refuses the timeout %j',
    (timeoutMs) => {
      expect(thrown(register({ name: 'db', check: () => true, timeoutMs })).code).toBe(
        'ROLLGATE_ERR_INVALID_TIMEOUT',
      );
    },
  );

  it.each<[unknown, string]>([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['x'.repeat(65), 'longer than 64 characters'],
    [' PING', 'starts or ends with whitespace'],
    ['PING\n', 'starts or ends with whitespace'],
    ['PI\u0007NG', 'contains a control character'],
    ['SELECT\t1', 'contains a control character'],
    [42, 'expected a string, got number'],
    [null, 'expected a string, got null'],
    [['PING'], 'expected a string, got object'],
  ])('refuses the operation %j', (operation, why) => {
    const health = createHealth(base);
    const error = thrown(() =>
      health.register({ name: 'Redis', check: () => true, operation } as ProbeRegistration),
    );
    expect(error).toMatchObject({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPERATION', statusCode: 500 });
    expect(error.message).toMatch(/^probe "Redis" has an invalid operation /);
    expect(error.message).toContain(why);
    expect(health.probeNames()).toEqual([]);
  });

  it('accepts an operation of up to 64 characters, or none', () => {
    const health = createHealth(base);
    health.register({ name: 'Redis', check: () => true, operation: 'PING' });
    health.register({ name: 'Postgres', check: () => true, operation: 'write sentinel' });
    health.register({ name: 'Long', check: () => true, operation: 'x'.repeat(64) });
    health.register({ name: 'Plain', check: () => true, operation: undefined });
    expect(health.probeNames()).toEqual(['Redis', 'Postgres', 'Long', 'Plain']);
  });

  it('refuses a missing check, a bad critical flag, empty or unknown groups', () => {
    expect(thrown(register({ name: 'db' })).code).toBe('ROLLGATE_ERR_INVALID_PROBE');
    expect(thrown(register({ name: 'db', check: () => true, critical: 'yes' })).code).toBe(
      'ROLLGATE_ERR_INVALID_PROBE',
    );
    expect(thrown(register({ name: 'db', check: () => true, groups: [] })).code).toBe(
      'ROLLGATE_ERR_INVALID_PROBE',
    );
    const unknown = thrown(register({ name: 'db', check: () => true, groups: ['readiness', 'ready'] }));
    expect(unknown.code).toBe('ROLLGATE_ERR_INVALID_PROBE_GROUP');
    expect(unknown.message).toContain('"ready"');
    expect(thrown(register(null)).code).toBe('ROLLGATE_ERR_INVALID_PROBE');
  });

  it('accepts a probe in several groups and deduplicates them', () => {
    const health = createHealth(base);
    health.register({ name: 'db', check: () => true, groups: ['readiness', 'startup', 'readiness'] });
    expect(health.snapshot()[0]?.groups).toEqual(['startup', 'readiness']);
  });
});

describe('createHealth() refuses bad options with a coded error', () => {
  const create = (options: unknown) => () => createHealth(options as HealthOptions);

  it('refuses probeTimeoutMs above the cap', () => {
    const error = thrown(create({ ...base, probeTimeoutMs: 6000 }));
    expect(error.code).toBe('ROLLGATE_ERR_PROBE_TIMEOUT_CAP');
    expect(error.message).toContain('probeTimeoutMs of 6000ms is above the 5000ms cap');
  });

  it.each<[string, unknown, RollgateErrorCode]>([
    ['options', null, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['service', { ...base, service: '' }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['version', { service: 'x' }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['probeTimeoutMs', { ...base, probeTimeoutMs: 0 }, 'ROLLGATE_ERR_INVALID_TIMEOUT'],
    ['cacheTtlMs', { ...base, cacheTtlMs: -1 }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['deadlineMs', { ...base, deadlineMs: 0 }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['environment', { ...base, environment: 'Prod' }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['timestampOffset', { ...base, timestampOffset: '+8' }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['redact', { ...base, redact: ['password'] }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['sinks', { ...base, sinks: [{}] }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['logger', { ...base, logger: console.log }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['heartbeat.intervalMs', { ...base, heartbeat: { intervalMs: 0 } }, 'ROLLGATE_ERR_INVALID_OPTION'],
    [
      'heartbeat.failureThreshold',
      { ...base, heartbeat: { failureThreshold: 1.5 } },
      'ROLLGATE_ERR_INVALID_OPTION',
    ],
    ['heartbeat.graceMs', { ...base, heartbeat: { graceMs: -5 } }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['phaseIndex', { ...base, phaseIndex: -1 }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['maxErrorLength', { ...base, maxErrorLength: 5 }, 'ROLLGATE_ERR_INVALID_OPTION'],
    ['tracer', { ...base, tracer: {} }, 'ROLLGATE_ERR_INVALID_OPTION'],
  ])('refuses a bad %s', (key, options, code) => {
    const error = thrown(create(options));
    expect(error.code).toBe(code);
    expect(error.message).toContain(key === 'options' ? 'options' : key);
  });

  it("refuses an unknown event name or a listener that isn't a function", () => {
    const health = createHealth(base);
    expect(thrown(() => health.on('changed' as 'change', () => {})).code).toBe(
      'ROLLGATE_ERR_INVALID_ARGUMENT',
    );
    expect(thrown(() => health.on('change', 'x' as unknown as () => void)).code).toBe(
      'ROLLGATE_ERR_INVALID_ARGUMENT',
    );
  });
});

describe('the error catalogue', () => {
  it('gives every code a message and an HTTP status, and isRollgateError matches on code', () => {
    for (const [code, entry] of Object.entries(ROLLGATE_ERRORS)) {
      expect(code).toMatch(/^ROLLGATE_ERR_[A-Z_]+$/);
      expect(entry.message.length).toBeGreaterThan(0);
      expect(entry.statusCode).toBeGreaterThanOrEqual(400);
    }
    const error = thrown(register({ name: '', check: () => true }));
    expect(isRollgateError(error)).toBe(true);
    expect(isRollgateError(error, 'ROLLGATE_ERR_EMPTY_PROBE_NAME')).toBe(true);
    expect(isRollgateError(error, 'ROLLGATE_ERR_DUPLICATE_PROBE')).toBe(false);
    // A copy from another build of the package (CJS beside ESM) still matches by name and code.
    expect(
      isRollgateError({ name: 'RollgateError', code: 'ROLLGATE_ERR_EMPTY_PROBE_NAME', message: '' }),
    ).toBe(true);
    expect(isRollgateError(new Error('x'))).toBe(false);
  });
});

import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { timeoutMessage } from './outcome.js';
import { flushMicrotasks, hang, recordingLogger } from './test-kit.js';

const base = { service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 };

describe('a probe that never settles', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is answered at its timeout with "timeout after <n>ms", not before', async () => {
    const health = createHealth({ ...base, probeTimeoutMs: 300 });
    health.register({ name: 'Redis', check: hang });
    let report: Awaited<ReturnType<typeof health.check>> | undefined;
    void health.check('readiness').then((r) => {
      report = r;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).toMatchObject({
      status: 'fail',
      dependency: 'Redis',
      error: 'timeout after 300ms',
      failures: [{ name: 'Redis', error: 'timeout after 300ms', critical: true }],
    });
    expect(report?.checks?.[0]).toMatchObject({
      name: 'Redis',
      status: 'fail',
      duration_ms: 300,
      cached: false,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gets its signal aborted with a TimeoutError, and the engine adds no listener to it', async () => {
    const signals: AbortSignal[] = [];
    const health = createHealth({ ...base, probeTimeoutMs: 100 });
    health.register({
      name: 'kafka',
      check: (signal) => {
        signals.push(signal);
        return hang();
      },
    });
    const pending = health.check('readiness');
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await pending;
    const signal = signals[0] as AbortSignal;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ name: 'TimeoutError', message: 'timeout after 100ms' });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('stops the work of a probe that honours the signal, and its AbortError is not logged', async () => {
    const warnings: string[] = [];
    const health = createHealth({
      ...base,
      probeTimeoutMs: 50,
      logger: { warn: (_f, m) => warnings.push(m) },
    });
    let stopped = false;
    health.register({
      name: 'http',
      check: (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            stopped = true;
            reject(signal.reason);
          });
        }),
    });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(50);
    expect((await pending).error).toBe('timeout after 50ms');
    expect(stopped).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('bounds a check by its longest probe timeout, never the sum', async () => {
    const health = createHealth({ ...base, probeTimeoutMs: 1000 });
    health.register({ name: 'a', check: hang, timeoutMs: 300 });
    health.register({ name: 'b', check: hang, timeoutMs: 200 });
    health.register({ name: 'c', check: hang, timeoutMs: 100 });
    const started = Date.now();
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(300);
    const report = await pending;
    expect(Date.now() - started).toBe(300);
    expect(report.checks?.map((c) => c.error)).toEqual([
      'timeout after 300ms',
      'timeout after 200ms',
      'timeout after 100ms',
    ]);
    expect(report.duration_ms).toBe(300);
  });

  it('answers at deadlineMs when it is below a probe timeout, and the run still settles into the cache', async () => {
    const health = createHealth({ ...base, cacheTtlMs: 10_000, deadlineMs: 150 });
    health.register({ name: 'slow', check: hang, timeoutMs: 1000 });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(150);
    const report = await pending;
    expect(report).toMatchObject({
      status: 'fail',
      dependency: 'slow',
      error: 'check deadline exceeded after 150ms',
    });
    expect(report.checks?.[0]?.observed_at).toBeUndefined();
    expect(vi.getTimerCount()).toBe(1); // the probe's own timeout, until it fires
    await vi.advanceTimersByTimeAsync(850);
    expect(vi.getTimerCount()).toBe(0);
    expect(health.snapshot()[0]).toMatchObject({ status: 'fail', error: 'timeout after 1000ms' });
    const again = await health.check('readiness');
    expect(again.checks?.[0]).toMatchObject({ error: 'timeout after 1000ms', cached: true });
  });
});

describe('a probe that names its operation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is answered at its timeout with "<operation> timeout after <n>ms", in the report, the snapshot and the abort reason', async () => {
    const signals: AbortSignal[] = [];
    const health = createHealth({ ...base, probeTimeoutMs: 1000 });
    health.register({
      name: 'Redis',
      operation: 'PING',
      timeoutMs: 300,
      check: (signal) => {
        signals.push(signal);
        return hang();
      },
    });
    let report: Awaited<ReturnType<typeof health.check>> | undefined;
    void health.check('readiness').then((r) => {
      report = r;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).toMatchObject({
      status: 'fail',
      dependency: 'Redis',
      error: 'PING timeout after 300ms',
      failures: [{ name: 'Redis', error: 'PING timeout after 300ms', critical: true }],
    });
    expect(report?.checks?.[0]).toMatchObject({ duration_ms: 300, error: 'PING timeout after 300ms' });
    expect(health.snapshot()[0]).toMatchObject({ status: 'fail', error: 'PING timeout after 300ms' });
    expect(signals[0]?.reason).toMatchObject({ name: 'TimeoutError', message: 'PING timeout after 300ms' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('prefixes only its own timeout: probes without an operation keep "timeout after <n>ms"', async () => {
    const health = createHealth({ ...base, probeTimeoutMs: 200 });
    health.register({ name: 'Postgres', operation: 'SELECT 1', check: hang });
    health.register({ name: 'Kafka', check: hang, timeoutMs: 100 });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(200);
    expect((await pending).checks?.map((c) => c.error)).toEqual([
      'SELECT 1 timeout after 200ms',
      'timeout after 100ms',
    ]);
  });

  it('leaves failures other than its timeout alone', async () => {
    const health = createHealth(base);
    health.register({
      name: 'Redis',
      operation: 'PING',
      check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
    });
    expect((await health.check('readiness')).error).toBe('connect ECONNREFUSED 127.0.0.1:6379');
  });

  it('does not log the AbortError a probe honouring the signal rejects with after its timeout', async () => {
    const logger = recordingLogger();
    const health = createHealth({ ...base, probeTimeoutMs: 50, logger });
    health.register({
      name: 'Redis',
      operation: 'PING',
      check: (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            const aborted = new Error(`PING aborted: ${(signal.reason as Error).message}`);
            aborted.name = 'AbortError';
            reject(aborted);
          });
        }),
    });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(50);
    expect((await pending).error).toBe('PING timeout after 50ms');
    await flushMicrotasks();
    expect(logger.lines).toEqual([]);
  });

  it('is redacted like every other error text', async () => {
    const health = createHealth({ ...base, probeTimeoutMs: 100 });
    health.register({ name: 'Upstream', operation: 'GET /v1?api_key=abc123', check: hang });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).error).toBe('GET /v1?api_key=*** timeout after 100ms');
  });
});

describe('timeoutMessage', () => {
  it('reads "timeout after <n>ms", prefixed with the operation when there is one', () => {
    expect(timeoutMessage(300)).toBe('timeout after 300ms');
    expect(timeoutMessage(300, 'PING')).toBe('PING timeout after 300ms');
    expect(timeoutMessage(1500, 'write sentinel')).toBe('write sentinel timeout after 1500ms');
  });
});

describe('a probe that misbehaves is a failed probe, never a crash', () => {
  const cases: [string, () => unknown, string][] = [
    [
      'throws synchronously',
      () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:5432');
      },
      'connect ECONNREFUSED 10.0.0.1:5432',
    ],
    [
      'throws a string synchronously',
      () => {
        throw 'nope';
      },
      'nope',
    ],
    ['rejects with a string', () => Promise.reject('PING failed'), 'PING failed'],
    ['rejects with undefined', () => Promise.reject(undefined), 'probe rejected with undefined'],
    ['rejects with null', () => Promise.reject(null), 'probe rejected with null'],
    ['rejects with a number', () => Promise.reject(42), 'probe rejected with 42'],
    ['rejects with a plain object', () => Promise.reject({ code: 7 }), 'probe rejected with {"code":7}'],
    [
      'rejects with an object carrying a message',
      () => Promise.reject({ message: 'broker down' }),
      'broker down',
    ],
    ['rejects with a symbol', () => Promise.reject(Symbol('x')), 'probe rejected with Symbol(x)'],
    ['rejects with an Error without a message', () => Promise.reject(new TypeError()), 'TypeError'],
    [
      'rejects with an AggregateError of connection errors',
      () =>
        Promise.reject(
          new AggregateError([
            new Error('connect ECONNREFUSED ::1:6379'),
            new Error('connect ECONNREFUSED 127.0.0.1:6379'),
          ]),
        ),
      'connect ECONNREFUSED ::1:6379; connect ECONNREFUSED 127.0.0.1:6379',
    ],
    [
      'rejects with a circular object',
      () => {
        const loop: { self?: unknown } = {};
        loop.self = loop;
        return Promise.reject(loop);
      },
      'probe rejected with [object Object]',
    ],
    ['resolves false', () => false, 'probe returned false'],
    ['resolves false asynchronously', async () => false, 'probe returned false'],
    ['resolves an Error instead of throwing it', async () => new Error('disk full'), 'disk full'],
    [
      'resolves { ok: false, error }',
      async () => ({ ok: false, error: 'replica lag 40s' }),
      'replica lag 40s',
    ],
    ['resolves { ok: false }', async () => ({ ok: false }), 'probe returned ok: false'],
    ['resolves { healthy: false }', async () => ({ healthy: false }), 'probe returned healthy: false'],
    ['resolves { status: "DOWN" }', async () => ({ status: 'DOWN' }), 'probe returned status "down"'],
    [
      'resolves { status: "fail", message }',
      async () => ({ status: 'fail', message: 'queue full' }),
      'queue full',
    ],
    [
      'resolves an object whose getter throws',
      async () =>
        Object.defineProperty({}, 'ok', {
          get() {
            throw new Error('boom');
          },
        }),
      'probe returned an unreadable value',
    ],
    [
      'resolves a revoked proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return Promise.resolve()
          .then(() => [proxy])
          .then((list) => list[0]);
      },
      "Cannot perform 'get' on a proxy that has been revoked",
    ],
    [
      'returns a thenable whose then getter throws',
      () =>
        Object.defineProperty({}, 'then', {
          get() {
            throw new Error('hostile thenable');
          },
        }),
      'hostile thenable',
    ],
    [
      'returns a thenable that calls back twice',
      () => ({
        // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the case under test.
        then(_ok: (v: unknown) => void, fail: (e: unknown) => void) {
          fail(new Error('first'));
          fail(new Error('second'));
        },
      }),
      'first',
    ],
  ];

  for (const [what, check, error] of cases) {
    it(`when it ${what}`, async () => {
      const health = createHealth(base);
      health.register({ name: 'db', check });
      const report = await health.check('readiness');
      expect(report).toMatchObject({ status: 'fail', dependency: 'db', error });
    });
  }

  it('treats ordinary resolve values as healthy', async () => {
    const values: unknown[] = [
      undefined,
      null,
      true,
      0,
      '',
      'PONG',
      { rows: [] },
      [],
      { ok: true },
      { status: 'up' },
    ];
    for (const value of values) {
      const health = createHealth(base);
      health.register({ name: 'db', check: async () => value });
      expect((await health.check('readiness')).status, `value ${JSON.stringify(value)}`).toBe('ok');
    }
  });
});

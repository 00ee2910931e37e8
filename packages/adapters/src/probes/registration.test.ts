// Every factory hands the engine its operation and its timeout, and the engine alone times it out:
// stub clients that never answer (and ignore the AbortSignal), a real health, fake timers.
import { getEventListeners } from 'node:events';
import type { HealthReport } from '@rollgate/contract';
import type { ProbeRegistration } from '@rollgate/core';
import { createHealth } from '@rollgate/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpProbe } from './http.js';
import { kafkaProbe } from './kafka.js';
import { type PostgresPoolClient, postgresProbe } from './postgres.js';
import { redisProbe } from './redis.js';

const never = (): Promise<never> => new Promise<never>(() => {});

/** A pool whose connection is checked out at once and whose every query hangs. */
function hungPool() {
  const released: unknown[] = [];
  const client: PostgresPoolClient = {
    query: never,
    release: (error) => {
      released.push(error);
    },
  };
  return { pool: { connect: async () => client, totalCount: 1 }, released };
}

const hungKafka = { describeCluster: never, fetchTopicMetadata: never };

const FACTORIES: [string, (timeoutMs?: number) => ProbeRegistration, string][] = [
  ['redisProbe', (timeoutMs) => redisProbe({ ping: never }, { timeoutMs }), 'PING'],
  ['postgresProbe on a Pool', (timeoutMs) => postgresProbe(hungPool().pool, { timeoutMs }), 'SELECT 1'],
  ['postgresProbe on a Client', (timeoutMs) => postgresProbe({ query: never }, { timeoutMs }), 'SELECT 1'],
  [
    'postgresProbe with the write sentinel',
    (timeoutMs) => postgresProbe(hungPool().pool, { write: true, timeoutMs }),
    'write sentinel',
  ],
  ['kafkaProbe', (timeoutMs) => kafkaProbe(hungKafka, { timeoutMs }), 'describeCluster'],
  [
    'kafkaProbe with topics',
    (timeoutMs) => kafkaProbe(hungKafka, { topics: ['orders'], timeoutMs }),
    'metadata',
  ],
  [
    'httpProbe',
    (timeoutMs) => httpProbe('http://payments.internal/health', { fetch: never, timeoutMs }),
    'GET',
  ],
];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** What one check of a probe through a real health showed. */
interface Checked {
  /** The probe's report. */
  report: HealthReport | undefined;
  /** Whether the report came before the last millisecond. */
  settledEarly: boolean;
  /** What the engine logged. */
  warnings: string[];
  /** The signal the engine gave the probe. */
  signal: AbortSignal;
  /** What the probe's own promise did. */
  probeOutcome: Promise<unknown>;
}

/** Checks `probe` through a real health, advancing fake time by `ms`. */
async function checkAfter(probe: ProbeRegistration, ms: number, probeTimeoutMs?: number): Promise<Checked> {
  const warnings: string[] = [];
  const health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    cacheTtlMs: 0,
    probeTimeoutMs,
    logger: { warn: (_fields, message) => warnings.push(message) },
  });
  let signal: AbortSignal | undefined;
  let probeOutcome: Promise<unknown> = Promise.resolve();
  health.register({
    ...probe,
    check: (given) => {
      signal = given;
      probeOutcome = Promise.resolve(probe.check(given));
      probeOutcome.catch(() => {}); // the engine handles it too; this copy is read by the test
      return probeOutcome;
    },
  });
  let report: HealthReport | undefined;
  void health.checkProbe(probe.name).then((r) => {
    report = r;
  });
  await vi.advanceTimersByTimeAsync(ms - 1);
  const settledEarly = report !== undefined;
  await vi.advanceTimersByTimeAsync(1);
  await health.close();
  return { report, settledEarly, warnings, signal: signal as AbortSignal, probeOutcome };
}

describe.each(FACTORIES)('%s', (_, make, operation) => {
  it(`registers operation "${operation}" and timeoutMs unchanged`, () => {
    expect(make(300)).toMatchObject({ operation, timeoutMs: 300 });
    expect(make()).not.toHaveProperty('timeoutMs');
  });

  it(`is failed by the engine at its timeout with "${operation} timeout after 300ms", leaving nothing behind`, async () => {
    const { report, settledEarly, warnings, signal, probeOutcome } = await checkAfter(make(300), 300);
    expect(settledEarly).toBe(false);
    expect(report).toMatchObject({ status: 'fail', error: `${operation} timeout after 300ms` });
    expect(signal.aborted).toBe(true);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // The probe gave up on its abort with an AbortError, which the engine does not log.
    await expect(probeOutcome).rejects.toMatchObject({
      name: 'AbortError',
      message: `${operation} aborted: ${operation} timeout after 300ms`,
    });
    expect(warnings).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("names its operation at the health's default timeout too", async () => {
    const { report } = await checkAfter(make(), 800, 800);
    expect(report).toMatchObject({ status: 'fail', error: `${operation} timeout after 800ms` });
  });
});

describe('postgresProbe on a Pool, timed out by the engine', () => {
  it('releases its client with an error, so the pool destroys the stuck connection', async () => {
    const { pool, released } = hungPool();
    const { report } = await checkAfter(postgresProbe(pool, { timeoutMs: 300 }), 300);
    expect(report?.error).toBe('SELECT 1 timeout after 300ms');
    expect(released).toEqual([expect.objectContaining({ message: 'SELECT 1 timeout after 300ms' })]);
  });
});

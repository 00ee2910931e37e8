import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { deferred, flushMicrotasks } from './test-kit.js';
import type { ProbeGroupName } from './types.js';

const base = { service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 };

const valid = <T>(report: T): T => {
  const parsed = parseContract('health-report', report);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return report;
};

describe('the health report', () => {
  it('is the contract HealthReport: status, service, version, group, timestamp, duration and every check', async () => {
    const health = createHealth({ ...base, timestampOffset: '+08:00' });
    health.register({ name: 'Postgres', check: async () => ({ rows: [{ '?column?': 1 }] }) });
    health.register({ name: 'Redis', check: () => 'PONG' });
    const report = valid(await health.check('readiness'));
    expect(report).toMatchObject({
      status: 'ok',
      service: 'orders-api',
      version: '1.4.0',
      group: 'readiness',
    });
    expect(report.timestamp).toMatch(/\+08:00$/);
    expect(report.duration_ms).toBeGreaterThanOrEqual(0);
    expect(report.dependency).toBeUndefined();
    expect(report.failures).toBeUndefined();
    expect(report.checks).toEqual([
      {
        name: 'Postgres',
        status: 'ok',
        critical: true,
        duration_ms: expect.any(Number),
        cached: false,
        observed_at: expect.stringMatching(/\+08:00$/),
      },
      {
        name: 'Redis',
        status: 'ok',
        critical: true,
        duration_ms: expect.any(Number),
        cached: false,
        observed_at: expect.stringMatching(/\+08:00$/),
      },
    ]);
  });

  it('is degraded, with no dependency, when only non-critical probes fail', async () => {
    const health = createHealth(base);
    health.register({ name: 'db', check: () => true });
    health.register({
      name: 'recommendations',
      critical: false,
      check: () => Promise.reject(new Error('503 from upstream')),
    });
    const report = valid(await health.check('readiness'));
    expect(report).toMatchObject({
      status: 'degraded',
      failures: [{ name: 'recommendations', error: '503 from upstream', critical: false }],
    });
    expect(report.dependency).toBeUndefined();
    expect(report.error).toBeUndefined();
  });

  it('names the first failing critical probe in registration order, not the first to fail', async () => {
    const health = createHealth(base);
    const slowFailure = deferred();
    health.register({ name: 'optional', critical: false, check: () => false });
    health.register({ name: 'Postgres', check: () => slowFailure.promise });
    health.register({ name: 'Redis', check: () => Promise.reject(new Error('PING timeout after 300ms')) });
    const pending = health.check('readiness');
    await flushMicrotasks();
    slowFailure.reject(new Error('too many connections'));
    const report = valid(await pending);
    expect(report).toMatchObject({ status: 'fail', dependency: 'Postgres', error: 'too many connections' });
    expect(report.failures?.map((f) => f.name)).toEqual(['optional', 'Postgres', 'Redis']);
  });

  it('skips excluded probes and reports names that match no probe of the group', async () => {
    const health = createHealth(base);
    let skippedRan = false;
    health.register({
      name: 'etcd',
      check: () => {
        skippedRan = true;
        return false;
      },
    });
    health.register({ name: 'db', check: () => true });
    health.register({ name: 'loop', groups: ['liveness'], check: () => true });
    const report = valid(await health.check('readiness', { exclude: ['etcd', 'nope', 'loop', 'nope'] }));
    expect(skippedRan).toBe(false);
    expect(report.status).toBe('ok');
    expect(report.checks?.map((c) => c.name)).toEqual(['db']);
    expect(report.unknown_excluded).toEqual(['nope', 'loop']);
  });

  it('answers ok for a group with no probes', async () => {
    const health = createHealth(base);
    for (const group of ['liveness', 'readiness'] as ProbeGroupName[]) {
      expect(valid(await health.check(group))).toMatchObject({ status: 'ok', group, checks: [] });
    }
  });

  it('checkProbe(name) fails when that probe fails, critical or not, and is undefined for an unknown name', async () => {
    const health = createHealth(base);
    health.register({ name: 'cache', critical: false, check: () => ({ status: 'down', error: 'evicted' }) });
    expect(valid(await health.checkProbe('cache'))).toMatchObject({
      status: 'fail',
      group: 'probe',
      dependency: 'cache',
      error: 'evicted',
    });
    expect(await health.checkProbe('missing')).toBeUndefined();
    expect(await health.checkProbe(42 as unknown as string)).toBeUndefined();
  });

  it('never rejects, even for a group that does not exist', async () => {
    const health = createHealth(base);
    const report = valid(await health.check('bogus' as ProbeGroupName));
    expect(report).toMatchObject({ status: 'fail', error: 'unknown group "bogus"' });
  });

  it('lists probe names in registration order', () => {
    const health = createHealth(base);
    for (const name of ['c', 'a', 'b']) health.register({ name, check: () => true });
    expect(health.probeNames()).toEqual(['c', 'a', 'b']);
  });
});

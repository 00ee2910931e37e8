import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { deferred, recordingLogger } from './test-kit.js';
import type { ProbeRun } from './types.js';

describe("health.on('probe')", () => {
  it('fires once per real run: 1,000 concurrent checks sharing one run give one event', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.0.0', cacheTtlMs: 0 });
    const gate = deferred<boolean>();
    health.register({ name: 'Postgres', check: () => gate.promise });
    const runs: ProbeRun[] = [];
    health.on('probe', (run) => runs.push(run));
    const checks = Array.from({ length: 1000 }, () => health.check('readiness'));
    gate.resolve(true);
    await Promise.all(checks);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'Postgres', status: 'ok', critical: true, timedOut: false });
    expect(runs[0]?.groups).toEqual(['readiness']);
    await health.close();
  });

  it('never fires for a cache hit', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.0.0', cacheTtlMs: 60_000 });
    health.register({ name: 'Redis', check: () => true });
    const runs: ProbeRun[] = [];
    health.on('probe', (run) => runs.push(run));
    for (let i = 0; i < 5; i++) await health.check('readiness');
    expect(runs).toHaveLength(1);
    await health.close();
  });

  it('reports failures redacted, and a throwing listener neither breaks the check nor other listeners', async () => {
    const logger = recordingLogger();
    const health = createHealth({ service: 'orders-api', version: '1.0.0', cacheTtlMs: 0, logger });
    health.register({
      name: 'Postgres',
      check: () => {
        throw new Error('connect failed for postgres://app:s3cret@db:5432/orders');
      },
    });
    const runs: ProbeRun[] = [];
    health.on('probe', () => {
      throw new Error('listener bug');
    });
    const unsubscribe = health.on('probe', (run) => runs.push(run));
    const report = await health.check('readiness');
    expect(report.status).toBe('fail');
    expect(runs[0]?.status).toBe('fail');
    expect(runs[0]?.error).toContain('postgres://app:');
    expect(runs[0]?.error).not.toContain('s3cret');
    expect(logger.lines.some((l) => l.message === 'health probe listener failed')).toBe(true);
    unsubscribe();
    await health.check('readiness');
    expect(runs).toHaveLength(1);
    await health.close();
  });
});

import { parseContract } from '@rollgate/contract';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';

type Outcome = 'ok' | 'fail' | 'throw' | 'hang' | 'false' | 'non-error' | 'odd-object' | 'late-reject';

const behaviours: Record<Outcome, () => unknown> = {
  ok: async () => 'PONG',
  fail: () => Promise.reject(new Error('down')),
  throw: () => {
    throw new Error('sync boom');
  },
  hang: () => new Promise(() => {}),
  false: () => false,
  'non-error': () => Promise.reject(Symbol('weird')),
  'odd-object': async () => ({ status: 'down' }),
  'late-reject': () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 80)),
};
const failing = (outcome: Outcome) => outcome !== 'ok';

const probeSet = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    outcome: fc.constantFrom<Outcome>(...(Object.keys(behaviours) as Outcome[])),
    critical: fc.boolean(),
  }),
  { selector: (probe) => probe.name, maxLength: 12 },
);

describe('aggregation (property)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the report status is the worst-wins aggregate and a check never rejects', async () => {
    await fc.assert(
      fc.asyncProperty(probeSet, fc.boolean(), async (probes, swr) => {
        const health = createHealth({
          service: 'orders-api',
          version: '1.4.0',
          probeTimeoutMs: 50,
          staleWhileRevalidate: swr,
        });
        for (const probe of probes) {
          health.register({ name: probe.name, critical: probe.critical, check: behaviours[probe.outcome] });
        }
        let settled: unknown;
        const pending = health.check('readiness').then(
          (report) => {
            settled = report;
            return report;
          },
          (error: unknown) => {
            throw new Error(`check rejected: ${String(error)}`);
          },
        );
        await vi.advanceTimersByTimeAsync(50);
        const report = await pending;
        expect(settled).toBe(report);

        const criticalFailure = probes.find((p) => p.critical && failing(p.outcome));
        const expected = criticalFailure
          ? 'fail'
          : probes.some((p) => failing(p.outcome))
            ? 'degraded'
            : 'ok';
        expect(report.status).toBe(expected);
        expect(report.dependency).toBe(criticalFailure?.name);
        expect(report.checks?.map((c) => [c.name, c.status])).toEqual(
          probes.map((p) => [p.name, failing(p.outcome) ? 'fail' : 'ok']),
        );
        expect(report.failures?.map((f) => f.name) ?? []).toEqual(
          probes.filter((p) => failing(p.outcome)).map((p) => p.name),
        );
        const parsed = parseContract('health-report', report);
        expect(parsed.ok ? [] : parsed.issues).toEqual([]);
        await health.close();
        await vi.advanceTimersByTimeAsync(100); // let late rejections land (they are handled)
        expect(vi.getTimerCount()).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

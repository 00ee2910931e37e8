import { formatTimestamp } from '@rollgate/contract/time';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { createTimestampCache } from './timestamps.js';

const base = { service: 'orders-api', version: '1.4.0' };

describe('timestamps formatted once', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the report timestamp advances with the clock, in the configured offset', async () => {
    let clock = Date.UTC(2025, 9, 2, 12, 0, 0, 0);
    const health = createHealth({ ...base, cacheTtlMs: 60_000, timestampOffset: '+08:00', now: () => clock });
    health.register({ name: 'db', check: () => true });
    const first = await health.check('readiness');
    const same = await health.check('readiness');
    clock += 1;
    const next = await health.check('readiness');
    clock += 3_600_000;
    const later = await health.check('readiness');
    expect(first.timestamp).toBe('2025-10-02T20:00:00.000+08:00');
    expect(same.timestamp).toBe('2025-10-02T20:00:00.000+08:00');
    expect(next.timestamp).toBe('2025-10-02T20:00:00.001+08:00');
    expect(later.timestamp).toBe('2025-10-02T21:00:00.001+08:00');
  });

  it("a cached answer keeps the run's observed_at, and a new run settling changes it", async () => {
    let clock = Date.UTC(2025, 9, 2, 12, 0, 0, 0);
    const health = createHealth({ ...base, cacheTtlMs: 1000, now: () => clock });
    health.register({ name: 'db', check: () => true });
    const fresh = await health.check('readiness');
    clock += 500;
    const cached = await health.check('readiness');
    clock += 600; // past the TTL: the next check runs the probe again
    const rerun = await health.check('readiness');
    expect(fresh.checks?.[0]).toMatchObject({ cached: false, observed_at: '2025-10-02T12:00:00.000Z' });
    expect(cached.checks?.[0]).toMatchObject({ cached: true, observed_at: '2025-10-02T12:00:00.000Z' });
    expect(cached.timestamp).toBe('2025-10-02T12:00:00.500Z');
    expect(rerun.checks?.[0]).toMatchObject({ cached: false, observed_at: '2025-10-02T12:00:01.100Z' });
    expect(health.snapshot()[0]?.settledAt).toBe(clock);
  });

  it('a heartbeat answer shows the observed_at of the latest round', async () => {
    vi.useFakeTimers();
    let clock = Date.UTC(2025, 9, 2, 12, 0, 0, 0);
    const health = createHealth({ ...base, now: () => clock, heartbeat: { intervalMs: 1000 } });
    health.register({ name: 'db', check: () => true });
    await vi.advanceTimersByTimeAsync(0);
    const first = await health.check('readiness');
    const again = await health.check('readiness');
    clock += 1000;
    await vi.advanceTimersByTimeAsync(1000);
    const next = await health.check('readiness');
    await health.close();
    expect(first.checks?.[0]?.observed_at).toBe('2025-10-02T12:00:00.000Z');
    expect(again.checks?.[0]?.observed_at).toBe('2025-10-02T12:00:00.000Z');
    expect(next.checks?.[0]?.observed_at).toBe('2025-10-02T12:00:01.000Z');
  });
});

describe('createTimestampCache', () => {
  it('formats what formatTimestamp formats, for every instant it is asked about in turn', () => {
    const cache = createTimestampCache('-05:30');
    const instants = [0, 0, 1, 1_700_000_000_123, 1_700_000_000_123, 1_700_000_000_124, 1];
    expect(instants.map((ms) => cache.at(ms))).toEqual(instants.map((ms) => formatTimestamp(ms, '-05:30')));
  });

  it('formats each result object on its own: a new result with a new instant gets new text', () => {
    const cache = createTimestampCache('Z');
    const first = { settledAt: Date.UTC(2025, 0, 1) };
    const second = { settledAt: Date.UTC(2025, 0, 1, 0, 0, 1) };
    expect(cache.of(first)).toBe('2025-01-01T00:00:00.000Z');
    expect(cache.of(second)).toBe('2025-01-01T00:00:01.000Z');
    expect(cache.of(first)).toBe('2025-01-01T00:00:00.000Z');
  });

  it('still refuses an invalid instant', () => {
    const cache = createTimestampCache('Z');
    expect(() => cache.at(Number.NaN)).toThrow(RangeError);
    expect(() => cache.of({ settledAt: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

import type { RollbackRule, ThresholdRule } from '@rollgate/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../evaluate.js';
import { byAge, flat, M, NOW, S, series } from '../test-series.js';
import type { Sample } from '../types.js';

const METRIC = 'http.server.errors.rate';

function judge(rule: Partial<ThresholdRule>, samples: Sample[], now = NOW) {
  const full = { id: 'r', kind: 'threshold', metric: METRIC, op: '>', value: 0.02, ...rule } as RollbackRule;
  const decision = evaluateRollback({ rules: [full], series: { [METRIC]: samples }, now });
  return { decision, reason: decision.reasons[0]! };
}

describe('threshold without `for`: the latest sample decides', () => {
  // A full 5-minute window of samples, then the latest one varies.
  const window = (latest: number) => [...flat(0.01, 20, 15 * S, NOW - 15 * S), { t: NOW, value: latest }];

  it.each([
    // op, threshold, latest, expected status
    ['>', 0.02, 0.02, 'pass'], // equal is not above
    ['>', 0.02, 0.020001, 'breach'],
    ['>=', 0.02, 0.02, 'breach'], // equal is at-or-above
    ['>=', 0.02, 0.019999, 'pass'],
    ['<', 0.98, 0.98, 'pass'],
    ['<', 0.98, 0.979, 'breach'],
    ['<=', 0.98, 0.98, 'breach'],
    ['<=', 0.98, 0.981, 'pass'],
    ['==', 0, 0, 'breach'],
    ['==', 0, 0.001, 'pass'],
    ['!=', 0, 0, 'pass'],
    ['!=', 0, 0.001, 'breach'],
  ] as const)('%s %s with latest %s → %s', (op, value, latest, status) => {
    const { reason, decision } = judge({ op, value }, window(latest));
    expect(reason.status).toBe(status);
    expect(reason.observed).toBe(latest);
    expect(reason.threshold).toBe(value);
    expect(reason.op).toBe(op);
    expect(decision.action).toBe(status === 'breach' ? 'rollback' : 'promote');
  });

  it('the margin is signed: positive on the passing side, zero or negative when breaching', () => {
    expect(judge({}, window(0.015)).reason.margin.value).toBeCloseTo(0.005, 12);
    expect(judge({}, window(0.02)).reason.margin.value).toBe(0);
    expect(judge({}, window(0.03)).reason.margin.value).toBeCloseTo(-0.01, 12);
    expect(judge({ op: '<', value: 0.98 }, window(0.99)).reason.margin.value).toBeCloseTo(0.01, 12);
  });

  it('an older breach followed by a good latest sample passes', () => {
    const samples = [...flat(0.5, 20, 15 * S, NOW - 15 * S), { t: NOW, value: 0.001 }];
    expect(judge({}, samples).reason.status).toBe('pass');
  });

  it('a breaching latest sample reports when the breaching run began', () => {
    const samples = [...flat(0.01, 10, 15 * S, NOW - 45 * S), ...flat(0.05, 3, 15 * S, NOW)];
    const { reason } = judge({}, samples);
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 30 * S);
  });

  it('samples after `now` are ignored', () => {
    const samples = [...window(0.01), { t: NOW + 1, value: 0.9 }];
    expect(judge({}, samples).reason.status).toBe('pass');
  });
});

describe('threshold with `for`: Prometheus `for` on sample times', () => {
  const rule = { for: '2m' } as const;
  // Good samples for 5 minutes, then breaching samples from `breachAge` ago up to now.
  const breachSince = (breachAgeMs: number) => [
    ...series(
      Array.from({ length: 12 }, () => 0.01),
      15 * S,
      NOW - breachAgeMs - 15 * S,
    ),
    ...series(
      Array.from({ length: breachAgeMs / (15 * S) + 1 }, () => 0.05),
      15 * S,
    ),
  ];

  it('breaches when the breach began exactly `for` ago (at or before now - for)', () => {
    const { reason, decision } = judge(rule, breachSince(2 * M));
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 2 * M);
    expect(reason.margin.remainingMs).toBe(0);
    expect(decision.action).toBe('rollback');
  });

  it('is pending one sample short of `for`, with the time remaining', () => {
    const { reason, decision } = judge(rule, breachSince(2 * M - 15 * S));
    expect(reason.status).toBe('pending');
    expect(reason.margin.remainingMs).toBe(15 * S);
    expect(decision.action).toBe('continue');
  });

  it('is pending 1 ms short of `for`', () => {
    const { reason } = judge(rule, breachSince(2 * M), NOW - 1);
    // At now - 1 the last sample (at NOW) is in the future, the run began 2m before NOW.
    expect(reason.status).toBe('pending');
    expect(reason.margin.remainingMs).toBe(1);
  });

  it('one good sample resets the clock', () => {
    const samples = breachSince(4 * M).map((s) => (s.t === NOW - 30 * S ? { ...s, value: 0.001 } : s));
    const { reason } = judge(rule, samples);
    expect(reason.status).toBe('pending');
    expect(reason.since).toBe(NOW - 15 * S);
    expect(reason.margin.remainingMs).toBe(2 * M - 15 * S);
  });

  it('a NaN sample is not a breach and restarts the clock (as Prometheus compares NaN)', () => {
    const samples = breachSince(3 * M).map((s) => (s.t === NOW - 30 * S ? { ...s, value: Number.NaN } : s));
    const { reason } = judge(rule, samples);
    expect(reason.status).toBe('pending');
    expect(reason.since).toBe(NOW - 15 * S);
    expect(reason.details.nanSamples).toBe(1);
    expect(reason.message).toMatch(/restarted after a NaN sample/);
  });

  it("forClock: 'samples': NaN samples neither reset nor breach (the older reading)", () => {
    const samples = breachSince(3 * M).map((s) => (s.t === NOW - 30 * S ? { ...s, value: Number.NaN } : s));
    const { reason } = judge({ ...rule, forClock: 'samples' }, samples);
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 3 * M);
    expect(reason.details.nanSamples).toBe(1);
  });

  it('a breach that began before the window still reports its true start', () => {
    const { reason } = judge(rule, breachSince(10 * M));
    expect(reason.since).toBe(NOW - 10 * M);
    expect(reason.window).toBe('2m');
  });

  it('passes when the latest sample is good, whatever came before', () => {
    const samples = [...breachSince(4 * M).slice(0, -1), { t: NOW, value: 0.0 }];
    expect(judge(rule, samples).reason.status).toBe('pass');
  });

  it('`for: 0s` behaves like no `for`', () => {
    const { reason } = judge({ for: '0s' }, breachSince(0));
    expect(reason.status).toBe('breach');
  });
});

describe('threshold evidence', () => {
  it('a good metric that started reporting 40 s ago is pending, not a promotion', () => {
    const { reason, decision } = judge({ for: '2m' }, flat(0.001, 3, 20 * S));
    expect(reason.status).toBe('pending');
    expect(reason.coverage).toBeCloseTo(0.5, 6);
    expect(reason.margin.remainingMs).toBe(M);
    expect(decision.action).toBe('continue');
  });

  it('minCoverage 0 accepts a single good sample', () => {
    const { reason } = judge({ minCoverage: 0 }, [{ t: NOW, value: 0 }]);
    expect(reason.status).toBe('pass');
  });

  it('fewer than minSamples over a covered window is no data', () => {
    const samples = [
      { t: NOW - 5 * M, value: 0.01 },
      { t: NOW, value: 0.01 },
    ];
    const { reason, decision } = judge({ minSamples: 3 }, samples);
    expect(reason.status).toBe('no_data');
    expect(reason.message).toMatch(/only 2 of the 3 samples/);
    expect(decision.action).toBe('inconclusive');
  });

  it('fewer than minSamples while the window fills is pending', () => {
    const { reason } = judge({ minSamples: 3, for: '2m' }, flat(0.01, 2, 15 * S));
    expect(reason.status).toBe('pending');
  });

  it('samples older than the window are stale: no data', () => {
    const { reason } = judge({ for: '2m' }, flat(0.5, 10, 15 * S, NOW - 3 * M));
    expect(reason.status).toBe('no_data');
  });

  it('a window of only NaN samples is `nan`, distinct from empty', () => {
    expect(judge({}, flat(Number.NaN, 5)).reason.status).toBe('nan');
    expect(judge({}, series([null, null])).reason.status).toBe('nan');
    expect(judge({}, []).reason.status).toBe('no_data');
  });
});

describe('threshold `for` on the Prometheus clock: NaN, gaps and staleness markers', () => {
  const rule = { for: '2m', window: '5m' } as const;
  const bad = (from: number, to: number) =>
    byAge(() => 0.05, from - to, 15 * S, NOW - to).map((s) => ({ ...s }) as Sample);

  it('a gap longer than the lookback (the window) inside a breach restarts the clock', () => {
    // Breaching from 12m to 9m ago, nothing for 6m, breaching again for the last 3m.
    const samples = [...bad(12 * M, 9 * M), ...bad(3 * M, 0)];
    const { reason } = judge(rule, samples);
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 3 * M);
    expect(reason.message).toMatch(/restarted after a 6m gap, longer than the 5m lookback/);
    const short = judge(rule, [...bad(12 * M, 9 * M), ...bad(90 * S, 0)]);
    expect(short.reason.status).toBe('pending');
    expect(short.reason.margin.remainingMs).toBe(30 * S);
  });

  it('a gap within the lookback keeps the clock running', () => {
    const { reason } = judge(rule, [...bad(6 * M, 4 * M), ...bad(60 * S, 0)]);
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 6 * M);
  });

  it('the older reading bridges any gap', () => {
    const samples = [...bad(12 * M, 9 * M), ...bad(90 * S, 0)];
    const { reason } = judge({ ...rule, window: '15m', forClock: 'samples' }, samples);
    expect(reason.status).toBe('breach');
    expect(reason.since).toBe(NOW - 12 * M);
  });

  it('a staleness marker as the latest sample: no current value', () => {
    const samples: Sample[] = [...bad(5 * M, 15 * S), { t: NOW, value: null, stale: true }];
    const { reason, decision } = judge(rule, samples);
    expect(reason.status).toBe('no_data');
    expect(reason.message).toMatch(/went stale/);
    expect(decision.action).toBe('inconclusive');
  });

  it('a staleness marker inside a breach resets the clock at once', () => {
    const samples: Sample[] = [
      ...bad(5 * M, 75 * S),
      { t: NOW - 60 * S, value: 0.05, stale: true },
      ...bad(45 * S, 0),
    ];
    const { reason } = judge(rule, samples);
    expect(reason.status).toBe('pending');
    expect(reason.since).toBe(NOW - 45 * S);
    expect(reason.message).toMatch(/restarted after a staleness marker/);
    expect(judge({ ...rule, forClock: 'samples' }, samples).reason.status).toBe('breach');
  });

  it('staleness markers in columns are read like sample objects and change the input hash', () => {
    const samples: Sample[] = [...bad(5 * M, 15 * S), { t: NOW, value: 0.05, stale: true }];
    const columns = {
      t: samples.map((s) => s.t),
      value: samples.map((s) => s.value),
      stale: samples.map((s) => s.stale === true),
    };
    const full = {
      id: 'r',
      kind: 'threshold',
      metric: METRIC,
      op: '>',
      value: 0.02,
      ...rule,
    } as RollbackRule;
    const a = evaluateRollback({ rules: [full], series: { [METRIC]: samples }, now: NOW });
    const b = evaluateRollback({ rules: [full], series: { [METRIC]: columns }, now: NOW });
    const plain = evaluateRollback({
      rules: [full],
      series: { [METRIC]: samples.map(({ t, value }) => ({ t, value })) },
      now: NOW,
    });
    expect(b.reasons[0]!.status).toBe('no_data');
    expect(b.inputHash).toBe(a.inputHash);
    expect(plain.inputHash).not.toBe(a.inputHash);
    const wrong = evaluateRollback({
      rules: [full],
      series: { [METRIC]: { ...columns, stale: [true] } },
      now: NOW,
    });
    expect(wrong.issues.map((i) => i.path)).toEqual([`series["${METRIC}"]`]);
  });

  it('a NaN latest sample ends a breach; `!=` treats NaN as different, as PromQL does', () => {
    const samples: Sample[] = [...bad(5 * M, 15 * S), { t: NOW, value: Number.NaN }];
    expect(judge(rule, samples).reason.status).toBe('pending');
    expect(judge({ ...rule, forClock: 'samples' }, samples).reason.status).toBe('breach');
    const ne = judge({ ...rule, op: '!=', value: 0 }, samples);
    expect(ne.reason.status).toBe('breach');
    expect(ne.reason.since).toBe(NOW - 5 * M);
  });
});

describe('staleness markers in any input shape (property)', () => {
  it('objects in any order and columns with stale flags give the same decision and hash', () => {
    const sample = fc.record({
      step: fc.integer({ min: 0, max: 40 }),
      value: fc.oneof(fc.constant(0.01), fc.constant(0.05), fc.constant(Number.NaN)),
      stale: fc.boolean(),
    });
    const rule = {
      id: 'r',
      kind: 'threshold',
      metric: METRIC,
      op: '>',
      value: 0.02,
      for: '1m',
      window: '5m',
    } as RollbackRule;
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 30 }), fc.integer(), (raw, seed) => {
        const samples: Sample[] = raw.map((s) => ({
          t: NOW - s.step * 15 * S,
          value: s.value,
          ...(s.stale ? { stale: true } : {}),
        }));
        const shuffled = [...samples].sort((a, b) => ((a.t * 31 + seed) % 7) - ((b.t * 31 + seed) % 7));
        const columns = {
          t: samples.map((s) => s.t),
          value: samples.map((s) => s.value),
          stale: samples.map((s) => s.stale === true),
        };
        const a = evaluateRollback({ rules: [rule], series: { [METRIC]: samples }, now: NOW });
        const b = evaluateRollback({ rules: [rule], series: { [METRIC]: shuffled }, now: NOW });
        const c = evaluateRollback({ rules: [rule], series: { [METRIC]: columns }, now: NOW });
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

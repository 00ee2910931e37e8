import type { Aggregate, BaselineRatioRule, RollbackRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../evaluate.js';
import { flat, M, NOW, S, series } from '../test-series.js';
import type { SampleSource } from '../types.js';
import { ratioOf } from './baseline-ratio.js';

const METRIC = 'http.server.duration.p95';

function judge(rule: Partial<BaselineRatioRule>, canary: SampleSource, baseline: SampleSource, now = NOW) {
  const full = {
    id: 'p95',
    kind: 'baseline_ratio',
    metric: METRIC,
    op: '>',
    ratio: 2,
    for: '5m',
    ...rule,
  } as RollbackRule;
  const decision = evaluateRollback({ rules: [full], series: { [METRIC]: { canary, baseline } }, now });
  return { decision, reason: decision.reasons[0]! };
}

// 21 samples every 15 s cover the 5-minute window; values oldest first.
const values = (list: number[]) => series(list, 15 * S);
const ramp = Array.from({ length: 21 }, (_, i) => i + 1); // 1..21

describe('baseline_ratio aggregations', () => {
  it.each([
    ['mean', 11],
    ['sum', 231],
    ['min', 1],
    ['max', 21],
    ['last', 21],
    ['p50', 11],
    ['p90', 19],
    ['p95', 20],
    ['p99', 20.8], // linear interpolation between closest ranks: rank 19.8 → 20 + 0.8
  ] as [Aggregate, number][])('%s of 1..21 is %s', (aggregate, expected) => {
    const { reason } = judge({ aggregate, ratio: 1000 }, values(ramp), flat(1, 21));
    expect(reason.details.canary).toBeCloseTo(expected, 9);
    expect(reason.details.baseline).toBe(aggregate === 'sum' ? 21 : 1);
  });

  it('mean is the default', () => {
    const { reason } = judge({ ratio: 1000 }, values(ramp), flat(1, 21));
    expect(reason.details.aggregate).toBe('mean');
  });

  it('quantiles do not depend on sample order', () => {
    const shuffled = values(ramp).map((s, i, all) => ({ t: s.t, value: all[(i * 8) % all.length]!.value }));
    const a = judge({ aggregate: 'p90', ratio: 1000 }, shuffled, flat(1, 21)).reason.details.canary;
    expect(a).toBe(19);
  });
});

describe('baseline_ratio comparison', () => {
  it.each([
    ['>', 200, 'pass'], // ratio exactly 2 is not above 2
    ['>', 200.02, 'breach'],
    ['>=', 200, 'breach'],
    ['>=', 199.98, 'pass'],
    ['<', 50, 'pass'],
    ['<', 49.9, 'breach'],
  ] as const)('%s 2x with canary mean %s vs baseline 100 → %s', (op, canaryValue, status) => {
    const ratio = op === '<' ? 0.5 : 2;
    const { reason } = judge({ op, ratio }, flat(canaryValue, 21), flat(100, 21));
    expect(reason.status).toBe(status);
    expect(reason.observed).toBeCloseTo(canaryValue / 100, 12);
    expect(reason.threshold).toBe(ratio);
  });

  it('a canary p95 three times the baseline over 5 minutes rolls back, with both aggregates reported', () => {
    const { reason, decision } = judge({}, flat(300, 21), flat(100, 21));
    expect(decision.action).toBe('rollback');
    expect(reason).toMatchObject({ status: 'breach', observed: 3, window: '5m', samples: 42 });
    expect(reason.details).toMatchObject({
      canary: 300,
      baseline: 100,
      canarySamples: 21,
      baselineSamples: 21,
    });
    expect(reason.message).toMatch(/ratio 3/);
  });

  it('both windows must be covered before it judges: a breach on 1 minute of data is pending', () => {
    const { reason, decision } = judge({}, flat(300, 5), flat(100, 21));
    expect(reason.status).toBe('pending');
    expect(reason.message).toMatch(/would breach/);
    expect(reason.margin.remainingMs).toBe(5 * M - 75 * S);
    expect(decision.action).toBe('continue');
  });
});

describe('baseline_ratio with a zero baseline', () => {
  it('0 / 0 is read as no change (ratio 1)', () => {
    expect(ratioOf(0, 0)).toBe(1);
    const { reason } = judge({}, flat(0, 21), flat(0, 21));
    expect(reason.status).toBe('pass');
    expect(reason.observed).toBe(1);
    expect(reason.message).toMatch(/both are 0/);
  });

  it('x / 0 is unbounded: it breaches `>` and the observed ratio is null (not a JSON-breaking Infinity)', () => {
    expect(ratioOf(5, 0)).toBe(Number.POSITIVE_INFINITY);
    const { reason } = judge({}, flat(5, 21), flat(0, 21));
    expect(reason.status).toBe('breach');
    expect(reason.observed).toBeNull();
    expect(reason.details.canary).toBe(5);
    expect(reason.message).toMatch(/baseline is 0/);
    expect(JSON.parse(JSON.stringify(reason))).toEqual(reason);
  });
});

describe('baseline_ratio evidence', () => {
  it('a missing baseline is no data, naming the side', () => {
    const { reason, decision } = judge({}, flat(100, 21), []);
    expect(reason.status).toBe('no_data');
    expect(reason.message).toMatch(/baseline/);
    expect(decision.action).toBe('inconclusive');
  });

  it('a provider error on either side is `error`', () => {
    expect(judge({}, flat(100, 21), { error: 'HTTP 503 from Prometheus' }).reason.status).toBe('error');
    expect(judge({}, { error: 'timeout' }, flat(100, 21)).reason.message).toMatch(/timeout/);
  });

  it('a plain series for a baseline rule is invalid input, explained', () => {
    const decision = evaluateRollback({
      rules: [{ id: 'p95', kind: 'baseline_ratio', metric: METRIC, op: '>', ratio: 2 }],
      series: { [METRIC]: flat(100, 21) },
      now: NOW,
    });
    expect(decision.reasons[0]!.status).toBe('invalid');
    expect(decision.reasons[0]!.message).toMatch(/canary: \[\.\.\.\], baseline: \[\.\.\.\]/);
    expect(decision.action).toBe('inconclusive');
  });
});

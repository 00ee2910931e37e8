import type { MannWhitneyRule, RollbackRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../evaluate.js';
import { flat, NOW, normalSamples, S } from '../test-series.js';
import type { RollbackState, SampleSource } from '../types.js';

const METRIC = 'http.server.duration.p95';

function judge(
  rule: Partial<MannWhitneyRule>,
  canary: SampleSource,
  baseline: SampleSource,
  state?: RollbackState,
) {
  const full = {
    id: 'judge',
    kind: 'mann_whitney',
    metric: METRIC,
    direction: 'increase',
    ...rule,
  } as RollbackRule;
  const decision = evaluateRollback({
    rules: [full],
    series: { [METRIC]: { canary, baseline } },
    now: NOW,
    state,
  });
  return { decision, reason: decision.reasons[0]! };
}

describe('mann_whitney: canary vs baseline', () => {
  it('a 30 % latency regression is significant and beyond the allowed effect: rollback', () => {
    const { reason, decision } = judge({}, normalSamples(60, 130, 10, 1), normalSamples(60, 100, 10, 2));
    expect(decision.action).toBe('rollback');
    expect(reason.status).toBe('breach');
    expect(reason.observed as number).toBeGreaterThan(0.2);
    expect(reason.threshold).toBe(0.1);
    expect(reason.details.pValue as number).toBeLessThan(0.001);
    expect(reason.message).toMatch(/Mann-Whitney p = .* significant at 98 % confidence/);
  });

  it('the same canary passes with the same baseline', () => {
    const { reason, decision } = judge({}, normalSamples(60, 100, 10, 3), normalSamples(60, 100, 10, 4));
    expect(reason.status).toBe('pass');
    expect(decision.action).toBe('promote');
    expect(reason.message).toMatch(/no regression/);
  });

  it('a significant but small shift (3 %) stays within the allowed effect size (10 %)', () => {
    const canary = normalSamples(200, 103, 2, 5, 1.5 * S);
    const baseline = normalSamples(200, 100, 2, 6, 1.5 * S);
    const { reason } = judge({}, canary, baseline);
    expect(reason.details.pValue as number).toBeLessThan(0.02);
    expect(reason.status).toBe('pass');
    expect(judge({ allowedEffectSize: 0.01 }, canary, baseline).reason.status).toBe('breach');
  });

  it('direction: an increase does not breach a `decrease` rule, and the reverse', () => {
    const lower = normalSamples(60, 70, 10, 7);
    const base = normalSamples(60, 100, 10, 8);
    expect(judge({ direction: 'increase' }, lower, base).reason.status).toBe('pass');
    expect(judge({ direction: 'decrease' }, lower, base).reason.status).toBe('breach');
    expect(judge({ direction: 'either' }, lower, base).reason.status).toBe('breach');
  });

  it('constant samples are judged deterministically, without noise', () => {
    const same = judge({}, flat(5, 20, 15 * S), flat(5, 20, 15 * S));
    expect(same.reason.status).toBe('pass');
    expect(same.reason.details.pValue).toBe(1);
    const higher = judge({}, flat(7, 20, 15 * S), flat(5, 20, 15 * S));
    expect(higher.reason.status).toBe('breach');
    expect(higher.reason.observed).toBeCloseTo(0.4, 12);
    expect(judge({}, flat(7, 20, 15 * S), flat(5, 20, 15 * S))).toEqual(higher);
  });

  it('a zero baseline median makes the shift unbounded, reported as null rather than Infinity', () => {
    const { reason } = judge({}, flat(3, 20, 15 * S), flat(0, 20, 15 * S));
    expect(reason.status).toBe('breach');
    expect(reason.observed).toBeNull();
    expect(reason.details.effectSize).toBeNull();
    expect(reason.message).toMatch(/baseline median is 0/);
  });
});

describe('mann_whitney spread comparison (spinnaker/kayenta#780)', () => {
  const canary = normalSamples(60, 100, 40, 9);
  const baseline = normalSamples(60, 100, 5, 10);

  it('a variance blow-up with an unchanged median is caught', () => {
    const { reason, decision } = judge({ direction: 'either' }, canary, baseline);
    expect(decision.action).toBe('rollback');
    expect(reason.status).toBe('breach');
    expect(reason.details.pValue as number).toBeGreaterThan(0.02);
    expect(reason.observed as number).toBeGreaterThan(4);
    expect(reason.threshold).toBe(2);
    expect(reason.message).toMatch(/spread is .*× the baseline's/);
  });

  it('with compareSpread: false it is missed, as a location-only judge misses it', () => {
    expect(judge({ direction: 'either', compareSpread: false }, canary, baseline).reason.status).toBe('pass');
  });

  it('maxSpreadRatio sets the tolerated ratio', () => {
    expect(judge({ direction: 'either', maxSpreadRatio: 50 }, canary, baseline).reason.status).toBe('pass');
  });
});

describe('mann_whitney evidence and limits', () => {
  it('samples too few to ever reach the confidence are no data, not a pass', () => {
    const { reason, decision } = judge({ direction: 'either' }, flat(100, 4, 75 * S), flat(100, 4, 75 * S));
    expect(reason.status).toBe('no_data');
    expect(reason.message).toMatch(/too few to reach 98 % confidence \(best possible p = 0\.0285714/);
    expect(decision.action).toBe('inconclusive');
  });

  it('a breach under failureLimit is tolerated; beyond criticalEffectSize it applies at once', () => {
    const canary = normalSamples(60, 130, 10, 11);
    const baseline = normalSamples(60, 100, 10, 12);
    expect(judge({ failureLimit: 2 }, canary, baseline).decision.action).toBe('continue');
    const critical = judge({ failureLimit: 2, criticalEffectSize: 0.2 }, canary, baseline);
    expect(critical.decision.action).toBe('rollback');
    expect(critical.reason.message).toMatch(/critical effect size/);
    expect(judge({ failureLimit: 2, criticalEffectSize: 0.5 }, canary, baseline).decision.action).toBe(
      'continue',
    );
  });
});

describe('mann_whitney: exact p for small samples (issue 13)', () => {
  const at = (values: number[]) =>
    values.map((value, i) => ({ t: NOW - (values.length - 1 - i) * 15 * S, value }));

  it('tied counts [3,1,1,0,0] against sixteen 0s and one 1: exact p 0.036 is no rollback at 98 %', () => {
    const { reason, decision } = judge(
      { direction: 'either', compareSpread: false, minCoverage: 0 },
      at([3, 1, 1, 0, 0]),
      at([...Array(16).fill(0), 1]),
    );
    expect(reason.details.method).toBe('exact');
    expect(reason.details.pValue as number).toBeCloseTo(0.036226930963773066, 12);
    expect(reason.status).toBe('pass');
    expect(decision.action).toBe('promote');
    expect(reason.message).toMatch(/p = 0\.0362269 \(exact, either, not significant/);
  });

  it('2 canary samples against 9 can reject one-sided: judged, not no data', () => {
    const { reason, decision } = judge(
      { direction: 'increase', minCoverage: 0, compareSpread: false },
      at([50, 60]),
      at([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    );
    expect(reason.details.pValue as number).toBeCloseTo(1 / 55, 12);
    expect(reason.status).toBe('breach');
    expect(decision.action).toBe('rollback');
  });

  it('large samples are judged with the normal approximation, and the reason says so', () => {
    const { reason } = judge({}, normalSamples(60, 130, 10, 1), normalSamples(60, 100, 10, 2));
    expect(reason.details.method).toBe('normal');
    expect(reason.details.spreadMethod).toBe('normal');
    expect(reason.message).toMatch(/\(normal approximation, increase, significant/);
  });
});

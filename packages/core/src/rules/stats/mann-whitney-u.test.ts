import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannWhitneyU, smallestAchievableP } from './mann-whitney-u.js';
import { upperTail } from './normal.js';

const f64 = (xs: number[]) => Float64Array.from(xs).sort();

// Reference values: scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=True) and norm.sf.
describe('Mann-Whitney U, normal approximation forced (continuity and tie correction)', () => {
  it('matches scipy on completely separated samples', () => {
    const r = mannWhitneyU(f64([1, 2, 3, 4, 5]), f64([6, 7, 8, 9, 10]), 'two-sided', 'normal');
    expect(r.u).toBe(0);
    expect(r.p).toBeCloseTo(0.012185780355344813, 6);
    expect(mannWhitneyU(f64([1, 2, 3, 4, 5]), f64([6, 7, 8, 9, 10]), 'less', 'normal').p).toBeCloseTo(
      0.006092890177672406,
      6,
    );
  });

  it('matches scipy with ties, for every alternative', () => {
    const x = f64([1, 2, 2, 3, 3, 3, 4, 5, 5, 9]);
    const y = f64([2, 3, 3, 4, 4, 4, 5, 6, 7, 7, 8]);
    expect(mannWhitneyU(x, y, 'two-sided', 'normal')).toMatchObject({ u: 35.5 });
    expect(mannWhitneyU(x, y, 'two-sided', 'normal').p).toBeCloseTo(0.1753507016288368, 6);
    expect(mannWhitneyU(x, y, 'greater', 'normal').p).toBeCloseTo(0.9231432598521914, 6);
    expect(mannWhitneyU(x, y, 'less', 'normal').p).toBeCloseTo(0.0876753508144184, 6);
  });

  it('constant samples: no noise, no division by zero', () => {
    expect(mannWhitneyU(f64(Array(8).fill(5)), f64(Array(8).fill(5)), 'two-sided', 'normal')).toEqual({
      u: 32,
      z: 0,
      p: 1,
      method: 'normal',
    });
    const shifted = mannWhitneyU(f64(Array(8).fill(7)), f64(Array(8).fill(5)), 'greater', 'normal');
    expect(shifted.u).toBe(64);
    expect(shifted.p).toBeCloseTo(6.879302858301443e-5, 9);
  });

  it('normal tail matches scipy norm.sf', () => {
    expect(upperTail(1)).toBeCloseTo(0.15865525393145707, 7);
    expect(upperTail(2.5)).toBeCloseTo(0.006209665325776132, 8);
    expect(upperTail(-0.3)).toBeCloseTo(0.6179114221889526, 7);
    expect(upperTail(4)).toBeCloseTo(3.167124183311986e-5, 10);
  });

  it('U is the count of pairs where the first sample is larger, ties counting one half', () => {
    const arb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(arb, arb, (xs, ys) => {
        let pairs = 0;
        for (const x of xs) for (const y of ys) pairs += x > y ? 1 : x === y ? 0.5 : 0;
        const r = mannWhitneyU(f64(xs), f64(ys), 'two-sided');
        expect(r.u).toBe(pairs);
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('the smallest achievable p falls with the sample sizes', () => {
    expect(smallestAchievableP(4, 4, 'two-sided')).toBeGreaterThan(0.02);
    expect(smallestAchievableP(5, 5, 'two-sided')).toBeLessThan(0.02);
    expect(smallestAchievableP(0, 50, 'greater')).toBe(1);
  });
});

// A second, independent reference: every split of the pooled values enumerated, U counted pair by pair.
function bruteForceP(xs: number[], ys: number[], alternative: 'greater' | 'less' | 'two-sided'): number {
  const pooled = [...xs, ...ys];
  const n = pooled.length;
  const k = xs.length;
  const u = (a: number[], b: number[]) => {
    let s = 0;
    for (const x of a) for (const y of b) s += x > y ? 1 : x === y ? 0.5 : 0;
    return s;
  };
  const observed = u(xs, ys);
  let total = 0;
  let ge = 0;
  let le = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits !== k) continue;
    const a = pooled.filter((_, i) => mask & (1 << i));
    const b = pooled.filter((_, i) => !(mask & (1 << i)));
    const value = u(a, b);
    total++;
    if (value >= observed) ge++;
    if (value <= observed) le++;
  }
  if (alternative === 'greater') return ge / total;
  if (alternative === 'less') return le / total;
  return Math.min(1, (2 * Math.min(ge, le)) / total);
}

describe('Mann-Whitney U, exact distribution with ties', () => {
  it('equals the p of every split enumerated, for small tied samples', () => {
    const side = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 });
    const alternative = fc.constantFrom('greater' as const, 'less' as const, 'two-sided' as const);
    fc.assert(
      fc.property(side, side, alternative, (xs, ys, alt) => {
        const r = mannWhitneyU(f64(xs), f64(ys), alt);
        expect(r.method).toBe('exact');
        expect(r.p).toBeCloseTo(bruteForceP(xs, ys, alt), 12);
      }),
      { numRuns: 150 },
    );
  });

  it('switches to the normal approximation above the budget', () => {
    const big = f64(Array.from({ length: 60 }, (_, i) => i));
    expect(mannWhitneyU(big, big, 'two-sided').method).toBe('normal');
    expect(mannWhitneyU(f64([1, 2, 3]), big, 'two-sided').method).toBe('exact');
  });
});

// Mann-Whitney U test on two sorted samples. Small samples get the exact permutation distribution of U with
// their ties (`exact-u.ts`) while it fits EXACT_U_BUDGET; larger ones the normal approximation with the
// tie-corrected variance and continuity correction (scipy's `method='asymptotic'`). Deterministic: no noise is
// added for constant samples; when every value is tied every arrangement has the same U and p = 1.
import { EXACT_U_BUDGET, exactUCost, exactUTails, smallestExactP } from './exact-u.js';
import { upperTail } from './normal.js';

/** Which alternative the test checks: `greater` means the first sample tends to be larger. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Which distribution gave the p-value: the exact permutation distribution or the normal approximation. */
export type UTestMethod = 'exact' | 'normal';

/** Result of a Mann-Whitney U test. */
export interface UTestResult {
  /** U statistic of the first sample (number of pairs where it is larger, ties counting one half). */
  u: number;
  /** Standardized statistic (continuity-corrected), reported for either method; 0 when the variance is 0. */
  z: number;
  /** p-value of the chosen alternative. */
  p: number;
  /** Which distribution gave `p`. */
  method: UTestMethod;
}

/** What to do when the exact distribution fits the budget; `normal` forces the approximation (for comparisons). */
export type MethodChoice = 'auto' | 'normal';

function normalP(d: number, sigma: number, alternative: Alternative): { z: number; p: number } {
  switch (alternative) {
    case 'greater': {
      const z = (d - 0.5) / sigma;
      return { z, p: upperTail(z) };
    }
    case 'less': {
      const z = (d + 0.5) / sigma;
      return { z, p: upperTail(-z) };
    }
    case 'two-sided': {
      const z = Math.max(0, Math.abs(d) - 0.5) / sigma;
      return { z: d < 0 ? -z : z, p: Math.min(1, 2 * upperTail(z)) };
    }
  }
}

/** Runs the test on two ascending Float64Arrays (first = canary, second = baseline). */
export function mannWhitneyU(
  a: Float64Array,
  b: Float64Array,
  alternative: Alternative,
  choice: MethodChoice = 'auto',
): UTestResult {
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  // Tie-group sizes are kept only when the exact distribution could fit the budget (large samples never can).
  const sizes = choice === 'auto' && exactUCost(n1, n2, 1) <= EXACT_U_BUDGET ? new Int32Array(n) : null;
  let groups = 0;
  let i = 0;
  let j = 0;
  let seenB = 0;
  // Twice U, an integer: each tie group adds 2·(its a-values)·(b-values below) + (its a-values)·(its b-values).
  let u2 = 0;
  let ties = 0;
  while (i < n1 || j < n2) {
    const x = i < n1 ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < n2 ? b[j]! : Number.POSITIVE_INFINITY;
    const v = Math.min(x, y);
    let ca = 0;
    let cb = 0;
    while (i < n1 && a[i] === v) {
      i++;
      ca++;
    }
    while (j < n2 && b[j] === v) {
      j++;
      cb++;
    }
    const t = ca + cb;
    u2 += 2 * ca * seenB + ca * cb;
    seenB += cb;
    if (sizes) sizes[groups] = t;
    groups++;
    if (t > 1) ties += t * t * t - t;
  }
  const u = u2 / 2;
  const variance = n > 1 ? ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))) : 0;
  // Every arrangement gives the same U: p = 1 is exact, whatever the sizes.
  if (!(variance > 0))
    return { u, z: 0, p: 1, method: choice === 'auto' && n1 > 0 && n2 > 0 ? 'exact' : 'normal' };
  const { z, p } = normalP(u - (n1 * n2) / 2, Math.sqrt(variance), alternative);
  if (sizes === null || exactUCost(n1, n2, groups) > EXACT_U_BUDGET) return { u, z, p, method: 'normal' };
  const tails = exactUTails({ sizes, count: groups }, n1, n2, u2);
  const exact =
    alternative === 'greater'
      ? tails.greater
      : alternative === 'less'
        ? tails.less
        : Math.min(1, 2 * Math.min(tails.greater, tails.less));
  return { u, z, p: exact, method: 'exact' };
}

/**
 * The smallest p-value the exact test can give samples of these sizes: one arrangement in C(n1 + n2, n1),
 * doubled when two-sided. When it is not below the significance level no data of these sizes can ever reject:
 * not evidence of a pass. Ties can only raise the smallest p, so they do not enter here.
 */
export function smallestAchievableP(n1: number, n2: number, alternative: Alternative): number {
  return smallestExactP(n1, n2, alternative === 'two-sided');
}

// Mann-Whitney U test on two sorted samples: exact mid-ranks for ties, the tie-corrected variance and the
// normal approximation with continuity correction. Deterministic: no noise is added for constant samples;
// when every value is tied the variance is 0 and the test reports no difference (p = 1).
import { upperTail } from './normal.js';

/** Which alternative the test checks: `greater` means the first sample tends to be larger. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Result of a Mann-Whitney U test. */
export interface UTestResult {
  /** U statistic of the first sample (number of pairs where it is larger, ties counting one half). */
  u: number;
  /** Standardized statistic (continuity-corrected); 0 when the variance is 0. */
  z: number;
  /** p-value of the chosen alternative. */
  p: number;
}

/** Runs the test on two ascending Float64Arrays (first = canary, second = baseline). */
export function mannWhitneyU(a: Float64Array, b: Float64Array, alternative: Alternative): UTestResult {
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  let i = 0;
  let j = 0;
  let nextRank = 1;
  let rankSumA = 0;
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
    rankSumA += ca * (nextRank + (t - 1) / 2);
    nextRank += t;
    if (t > 1) ties += t * t * t - t;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = n > 1 ? ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))) : 0;
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  const sigma = Math.sqrt(variance);
  const d = u - mu;
  let z: number;
  let p: number;
  switch (alternative) {
    case 'greater':
      z = (d - 0.5) / sigma;
      p = upperTail(z);
      break;
    case 'less':
      z = (d + 0.5) / sigma;
      p = upperTail(-z);
      break;
    case 'two-sided':
      z = Math.max(0, Math.abs(d) - 0.5) / sigma;
      p = Math.min(1, 2 * upperTail(z));
      if (d < 0) z = -z;
      break;
  }
  return { u, z, p };
}

/**
 * The smallest p-value the test can return for these sample sizes (complete separation, no ties). When it is
 * not below the significance level, the samples are too few for the test ever to reject: not evidence of a pass.
 */
export function smallestAchievableP(n1: number, n2: number, alternative: Alternative): number {
  if (n1 === 0 || n2 === 0) return 1;
  const n = n1 + n2;
  const sigma = Math.sqrt((n1 * n2 * (n + 1)) / 12);
  const z = ((n1 * n2) / 2 - 0.5) / sigma;
  const p = upperTail(z);
  return alternative === 'two-sided' ? Math.min(1, 2 * p) : p;
}

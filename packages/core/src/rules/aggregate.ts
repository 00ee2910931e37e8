// Aggregations over a window. Mean, sum, min, max and last come from the single window pass;
// quantiles copy the window's finite values once and select in linear time (no full sort).
import type { Aggregate } from '@rollgate/contract';
import type { Column } from './series.js';
import type { WindowStats } from './window.js';

/** Aggregations the evaluator supports, with the quantile each one reads. */
export const QUANTILES: Readonly<Partial<Record<Aggregate, number>>> = {
  p50: 0.5,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
};

/** Copies the finite values of the window into a new Float64Array. */
export function finiteValues(col: Column, stats: WindowStats): Float64Array {
  const out = new Float64Array(stats.n);
  const v = col.v;
  let j = 0;
  for (let i = stats.lo; i < stats.hi; i++) {
    const x = v[i]!;
    if (x - x === 0) out[j++] = x;
  }
  return out;
}

// Three-way quickselect: afterwards a[k] is the k-th smallest, smaller values before it, larger after.
// The three-way partition keeps windows full of equal values linear; median-of-three keeps sorted ones linear.
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const ai = a[i]!;
      if (ai < pivot) swap(a, lt++, i++);
      else if (ai > pivot) swap(a, i, gt--);
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i]!;
  a[i] = a[j]!;
  a[j] = x;
}

/**
 * Quantile q (0..1) with linear interpolation between closest ranks (as Prometheus `quantile_over_time`).
 * Reorders `values` in place; returns NaN for an empty array.
 */
export function quantileInPlace(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return values[0]!;
  const rank = q * (n - 1);
  const k = Math.floor(rank);
  select(values, k);
  const lower = values[k]!;
  if (rank === k) return lower;
  // The next order statistic is the smallest value above position k.
  let upper = Number.POSITIVE_INFINITY;
  for (let i = k + 1; i < n; i++) if (values[i]! < upper) upper = values[i]!;
  return lower + (upper - lower) * (rank - k);
}

/** Quantile of an already sorted array, linear interpolation between closest ranks. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = q * (n - 1);
  const k = Math.floor(rank);
  const lower = sorted[k]!;
  if (rank === k || k + 1 >= n) return lower;
  return lower + (sorted[k + 1]! - lower) * (rank - k);
}

function extreme(col: Column, stats: WindowStats, which: 'min' | 'max'): number {
  const v = col.v;
  let out = which === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (let i = stats.lo; i < stats.hi; i++) {
    const x = v[i]!;
    if (x - x !== 0) continue;
    if (which === 'min' ? x < out : x > out) out = x;
  }
  return out;
}

/** Aggregates the window's finite values; NaN when the window holds none. */
export function aggregateWindow(col: Column, stats: WindowStats, aggregate: Aggregate): number {
  if (stats.n === 0) return Number.NaN;
  switch (aggregate) {
    case 'mean':
      return stats.sum / stats.n;
    case 'sum':
      return stats.sum;
    case 'min':
    case 'max':
      return extreme(col, stats, aggregate);
    case 'last':
      return col.v[stats.lastIndex]!;
    default:
      return quantileInPlace(finiteValues(col, stats), QUANTILES[aggregate] ?? 0.5);
  }
}

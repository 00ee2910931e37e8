// Window arithmetic on sorted columns: binary search for the bounds, then one pass for the figures
// every rule needs. No allocation per sample.
import type { Column } from './series.js';

/** First index whose time is >= x (times are sorted). */
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > x (times are sorted). */
export function upperBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What one pass over a window finds. */
export interface WindowStats {
  /** First index in the window. */
  lo: number;
  /** One past the last index in the window. */
  hi: number;
  /** Finite values in the window. */
  n: number;
  /** NaN and ±Infinity values in the window. */
  nonFinite: number;
  /** Sum of the finite values. */
  sum: number;
  /** Time of the first finite value (NaN when n is 0). */
  firstT: number;
  /** Time of the last finite value (NaN when n is 0). */
  lastT: number;
  /** Index of the last finite value (-1 when n is 0). */
  lastIndex: number;
  /** Fraction of the window observed (0..1): see `coverageOf`. */
  coverage: number;
  /** Milliseconds until the window is covered to `minCoverage` if samples keep arriving (0 when covered). */
  toCover: number;
}

/**
 * Coverage of a window ending at `now`: the time from the first finite sample to `now`, plus one mean sample
 * spacing (a sample stands for the interval it was taken over), divided by the window. Regularly scraped data
 * covers a window fully; a metric that started reporting 40 s ago covers 40 s of a 2 m window.
 */
export function coverageOf(firstT: number, lastT: number, n: number, now: number, windowMs: number): number {
  if (n === 0 || windowMs <= 0) return 0;
  const step = n > 1 ? (lastT - firstT) / (n - 1) : 0;
  const c = (now - firstT + step) / windowMs;
  // Sample times that split a window evenly sum back to it only up to rounding: read that as full.
  return c >= 1 - 1e-9 ? 1 : Math.max(0, c);
}

/** One pass over the samples with `now - windowMs <= t <= now`. */
export function windowStats(col: Column, now: number, windowMs: number, minCoverage: number): WindowStats {
  const { t, v } = col;
  const lo = lowerBound(t, now - windowMs);
  const hi = upperBound(t, now);
  // Fast path: a plain summing loop. A finite total proves every value is finite (NaN and ±Infinity
  // propagate), so the count and the first/last indices follow without looking at values again.
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += v[i]!;
  let n = hi - lo;
  let first = lo;
  let last = hi - 1;
  if (sum - sum !== 0) {
    sum = 0;
    n = 0;
    first = -1;
    last = -1;
    for (let i = lo; i < hi; i++) {
      const x = v[i]!;
      // `x - x === 0` holds exactly for finite numbers.
      if (x - x === 0) {
        n++;
        sum += x;
        if (first < 0) first = i;
        last = i;
      }
    }
  }
  if (n === 0) {
    first = -1;
    last = -1;
  }
  const firstT = first >= 0 ? t[first]! : Number.NaN;
  const lastT = last >= 0 ? t[last]! : Number.NaN;
  const coverage = coverageOf(firstT, lastT, n, now, windowMs);
  let toCover = 0;
  if (coverage < minCoverage) {
    const step = n > 1 ? (lastT - firstT) / (n - 1) : 0;
    toCover = n === 0 ? minCoverage * windowMs : Math.max(0, minCoverage * windowMs - (now - firstT + step));
  }
  return {
    lo,
    hi,
    n,
    nonFinite: hi - lo - n,
    sum,
    firstT,
    lastT,
    lastIndex: last,
    coverage,
    toCover: Math.ceil(toCover),
  };
}

// The exact permutation distribution of the Mann-Whitney U statistic, ties included. Under the null hypothesis
// every choice of which n1 of the N pooled values are the first sample is equally likely; the values' tie groups
// are fixed by the data. Dynamic programming over the tie groups in ascending order counts, for each number of
// first-sample values placed so far and each U so far, how many arrangements reach it: placing c of a group's t
// tied values in the first sample, after b second-sample values, adds c·b + c·(t − c)/2 to U. Doubling U keeps
// every state an integer, so tail sums compare exactly (no floating-point tolerance on the observed U).
//
// No kept package does this: @tainakanchu/mann-whitney-utest has only the normal approximation, the @stdlib
// rank tests are for the signed-rank test, and scipy's own `method='exact'` ignores ties (it would give 0.071
// where the permutation p of issue 13's example is 0.036).

/**
 * Work the exact distribution may take, in DP cell updates (a few milliseconds on one core; a rule runs the test
 * twice, location and spread). Above it the normal approximation decides, which by then is close: with no ties
 * the budget reaches 24 against 24, 10 against 77, 5 against 155 and 2 against 352.
 */
export const EXACT_U_BUDGET = 3_000_000;

/** Tie structure of the pooled sample: group sizes in ascending value order. */
export interface TieGroups {
  /** Size of each group of equal values, ascending by value. */
  sizes: Int32Array;
  /** Number of groups. */
  count: number;
}

/**
 * Cell updates the DP needs: for every group, every (placed, doubled U) state times the placements of the group.
 * `small` is the smaller sample's size; the doubled U of the smaller sample ranges over 0..2·n1·n2.
 */
export function exactUCost(n1: number, n2: number, groups: number): number {
  const small = Math.min(n1, n2);
  return (small + 1) * (2 * n1 * n2 + 1) * (n1 + n2 + groups);
}

function binomialRow(t: number): Float64Array {
  const row = new Float64Array(t + 1);
  row[0] = 1;
  for (let c = 1; c <= t; c++) row[c] = (row[c - 1]! * (t - c + 1)) / c;
  return row;
}

/**
 * Counts of arrangements by the doubled U of a sample of size `k` drawn from the pooled tie groups:
 * index s holds the number of ways (as a float; only ratios are used) that sample has 2U = s.
 */
export function doubledUCounts(groups: TieGroups, k: number, n: number): Float64Array {
  const width = 2 * k * (n - k) + 1;
  let f = new Float64Array((k + 1) * width);
  let g = new Float64Array((k + 1) * width);
  f[0] = 1;
  let placed = 0;
  // Highest doubled U reached so far for each count of the sample placed; bounds the inner loop.
  const reach = new Int32Array(k + 1).fill(-1);
  reach[0] = 0;
  const next = new Int32Array(k + 1);
  for (let gi = 0; gi < groups.count; gi++) {
    const t = groups.sizes[gi]!;
    const ways = binomialRow(t);
    g.fill(0);
    next.fill(-1);
    for (let m = 0; m <= k; m++) {
      const top = reach[m]!;
      if (top < 0) continue;
      const before = placed - m;
      const maxC = Math.min(t, k - m);
      const rowIn = m * width;
      for (let c = 0; c <= maxC; c++) {
        // Placing c of the group in the sample: each of them beats `before` values of the other sample and
        // ties with t - c of them.
        const shift = 2 * c * before + c * (t - c);
        const w = ways[c]!;
        const rowOut = (m + c) * width + shift;
        for (let s = 0; s <= top; s++) {
          const x = f[rowIn + s]!;
          if (x !== 0) g[rowOut + s]! += x * w;
        }
        if (top + shift > next[m + c]!) next[m + c] = top + shift;
      }
    }
    const swap = f;
    f = g;
    g = swap;
    reach.set(next);
    placed += t;
  }
  return f.subarray(k * width, (k + 1) * width);
}

/** Exact one-sided tail probabilities of the first sample's doubled U at its observed value. */
export interface ExactTails {
  /** P(U ≥ observed). */
  greater: number;
  /** P(U ≤ observed). */
  less: number;
}

/**
 * Exact tails of the first sample's U (doubled: `u2 = 2U`), sizes n1 and n2, over the pooled tie groups. The DP
 * runs over the smaller sample; the first sample's doubled U is 2·n1·n2 minus the other's.
 */
export function exactUTails(groups: TieGroups, n1: number, n2: number, u2: number): ExactTails {
  const n = n1 + n2;
  const swapped = n1 > n2;
  const counts = doubledUCounts(groups, swapped ? n2 : n1, n);
  const top = 2 * n1 * n2;
  // Index of the first sample's doubled U in `counts`.
  const index = (s1: number) => (swapped ? top - s1 : s1);
  let total = 0;
  let ge = 0;
  let le = 0;
  for (let s1 = 0; s1 <= top; s1++) {
    const x = counts[index(s1)]!;
    if (x === 0) continue;
    total += x;
    if (s1 >= u2) ge += x;
    if (s1 <= u2) le += x;
  }
  return {
    greater: Math.min(1, ge / total),
    less: Math.min(1, le / total),
  };
}

/**
 * The smallest p-value the exact test can give two samples of these sizes: one arrangement in C(n1 + n2, n1)
 * (complete separation, no ties), doubled for a two-sided test.
 */
export function smallestExactP(n1: number, n2: number, twoSided: boolean): number {
  if (n1 === 0 || n2 === 0) return 1;
  const k = Math.min(n1, n2);
  const n = n1 + n2;
  let arrangements = 1;
  for (let i = 1; i <= k && arrangements < 1e300; i++) arrangements = (arrangements * (n - k + i)) / i;
  return Math.min(1, (twoSided ? 2 : 1) / arrangements);
}

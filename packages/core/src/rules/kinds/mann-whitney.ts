// `mann_whitney`: a Kayenta-style judge of canary vs baseline, deterministic and spread-aware.
// Location: Mann-Whitney U at `confidence` (default 98 %) in the rule's direction (the exact permutation p with
// ties while it fits the budget, the normal approximation above; `details.method` says which), and an effect size —
// (canary median - baseline median) / |baseline median| — beyond `allowedEffectSize` (default 0.1). Both are
// needed: a significant but tiny shift passes, a large but insignificant one passes.
// `criticalEffectSize`: a significant shift beyond it applies at once, whatever `failureLimit` says.
// Spread (on by default; Kayenta misses it, spinnaker/kayenta#780): the same U test on absolute deviations
// from each side's median (a rank test for scale) plus the ratio of median absolute deviations (mean
// absolute deviations when a MAD is 0) beyond `maxSpreadRatio` (default 2).
import { quantileSorted } from '../aggregate.js';
import type { CompiledMannWhitney } from '../compile.js';
import {
  baseFinding,
  coverageText,
  type EvalContext,
  type Finding,
  isPair,
  lackOfEvidence,
  resolvePair,
} from '../finding.js';
import { finiteOrNull, num, pct } from '../format.js';
import type { Column } from '../series.js';
import {
  type Alternative,
  mannWhitneyU,
  smallestAchievableP,
  type UTestMethod,
} from '../stats/mann-whitney-u.js';
import { type WindowStats, windowStats } from '../window.js';

function sortedFinite(col: Column, stats: WindowStats): Float64Array {
  const out = new Float64Array(stats.n);
  const v = col.v;
  let j = 0;
  for (let i = stats.lo; i < stats.hi; i++) {
    const x = v[i]!;
    if (x - x === 0) out[j++] = x;
  }
  return out.sort();
}

function absDeviations(sorted: Float64Array, center: number): Float64Array {
  const out = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) out[i] = Math.abs(sorted[i]! - center);
  return out.sort();
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}

/** Relative shift of medians; 0 when both are 0, unbounded when only the baseline is 0. */
export function relativeEffect(canaryMedian: number, baselineMedian: number): number {
  if (baselineMedian === 0) {
    if (canaryMedian === 0) return 0;
    return canaryMedian > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return (canaryMedian - baselineMedian) / Math.abs(baselineMedian);
}

/** Spread ratio canary / baseline from sorted absolute deviations: MAD ratio, mean-absolute-deviation fallback. */
export function spreadRatio(devCanary: Float64Array, devBaseline: Float64Array): number {
  let c = quantileSorted(devCanary, 0.5);
  let b = quantileSorted(devBaseline, 0.5);
  if (c === 0 || b === 0) {
    c = mean(devCanary);
    b = mean(devBaseline);
  }
  if (b === 0) return c === 0 ? 1 : Number.POSITIVE_INFINITY;
  return c / b;
}

const ALTERNATIVE: Readonly<Record<CompiledMannWhitney['direction'], Alternative>> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided',
};

/** Evaluates a mann_whitney rule. */
export function evaluateMannWhitney(rule: CompiledMannWhitney, ctx: EvalContext): Finding {
  const pair = resolvePair(rule, ctx);
  if (!isPair(pair)) return pair;
  const cs = windowStats(pair.canary, ctx.now, rule.windowMs, rule.minCoverage);
  const bs = windowStats(pair.baseline, ctx.now, rule.windowMs, rule.minCoverage);
  const lacking =
    lackOfEvidence(rule, cs, `${rule.metric} (canary)`) ??
    lackOfEvidence(rule, bs, `${rule.metric} (baseline)`);
  if (lacking) {
    lacking.samples = cs.n + bs.n;
    lacking.details = { ...lacking.details, canarySamples: cs.n, baselineSamples: bs.n };
    return lacking;
  }
  const alpha = 1 - rule.confidence;
  const alternative = ALTERNATIVE[rule.direction];
  const coverage = Math.min(cs.coverage, bs.coverage);
  const toCover = Math.max(cs.toCover, bs.toCover);
  const conf = `${num(rule.confidence * 100)} % confidence`;

  const best = smallestAchievableP(cs.n, bs.n, alternative);
  if (best >= alpha) {
    const filling = coverage < rule.minCoverage;
    const f = baseFinding(
      rule,
      filling ? 'pending' : 'no_data',
      `${cs.n} canary and ${bs.n} baseline samples of ${rule.metric} are too few to reach ${conf} (best possible p = ${num(best)}, the exact test at complete separation)${filling ? `; ${coverageText(rule, coverage, toCover)}` : ''}.`,
    );
    f.samples = cs.n + bs.n;
    f.coverage = coverage;
    f.margin.remainingMs = filling ? toCover : null;
    f.details = { canarySamples: cs.n, baselineSamples: bs.n, bestPossibleP: best, method: 'exact' };
    return f;
  }

  const canary = sortedFinite(pair.canary, cs);
  const baseline = sortedFinite(pair.baseline, bs);
  const medC = quantileSorted(canary, 0.5);
  const medB = quantileSorted(baseline, 0.5);
  const location = mannWhitneyU(canary, baseline, alternative);
  const effect = relativeEffect(medC, medB);
  const directional =
    rule.direction === 'increase' ? effect : rule.direction === 'decrease' ? -effect : Math.abs(effect);
  const significant = location.p < alpha;
  const locationBreach = significant && directional > rule.allowedEffectSize;
  const critical =
    locationBreach && rule.criticalEffectSize !== null && directional > rule.criticalEffectSize;

  let spread: { ratio: number; p: number; method: UTestMethod } | null = null;
  if (rule.compareSpread) {
    const devC = absDeviations(canary, medC);
    const devB = absDeviations(baseline, medB);
    const test = mannWhitneyU(devC, devB, 'greater');
    spread = { ratio: spreadRatio(devC, devB), p: test.p, method: test.method };
  }
  const spreadBreach = spread !== null && spread.p < alpha && spread.ratio > rule.maxSpreadRatio;

  const finding = baseFinding(rule, 'pass', '');
  finding.samples = cs.n + bs.n;
  finding.coverage = coverage;
  finding.details = {
    direction: rule.direction,
    confidence: rule.confidence,
    canaryMedian: medC,
    baselineMedian: medB,
    effectSize: finiteOrNull(effect),
    u: location.u,
    z: location.z,
    pValue: location.p,
    method: location.method,
    spreadRatio: spread ? finiteOrNull(spread.ratio) : null,
    spreadPValue: spread ? spread.p : null,
    spreadMethod: spread ? spread.method : null,
    canarySamples: cs.n,
    baselineSamples: bs.n,
    nanSamples: cs.nonFinite + bs.nonFinite,
  };
  // The reason reports the location effect unless only the spread decided.
  const bySpread = spreadBreach && !locationBreach;
  finding.observed = finiteOrNull(bySpread && spread ? spread.ratio : directional);
  finding.threshold = bySpread ? rule.maxSpreadRatio : rule.allowedEffectSize;
  finding.op = '>';
  const marginValue =
    bySpread && spread ? rule.maxSpreadRatio - spread.ratio : rule.allowedEffectSize - directional;
  finding.margin.value = finiteOrNull(marginValue);

  const shift = `canary median ${num(medC)} vs baseline ${num(medB)} (${Number.isFinite(effect) ? `${effect >= 0 ? '+' : ''}${pct(effect)}` : 'baseline median is 0: unbounded shift'})`;
  const test = `Mann-Whitney p = ${num(location.p)} (${location.method === 'exact' ? 'exact' : 'normal approximation'}, ${rule.direction}, ${significant ? 'significant' : 'not significant'} at ${conf})`;
  const spreadText = spread
    ? `spread ratio ${num(spread.ratio)} (${spread.method} p = ${num(spread.p)}, allowed ${num(rule.maxSpreadRatio)})`
    : 'spread not compared';

  if (locationBreach || spreadBreach) {
    finding.status = 'breach';
    finding.critical = critical;
    const why: string[] = [];
    if (locationBreach) {
      why.push(
        `${shift}, beyond the allowed ${pct(rule.allowedEffectSize)}${critical ? ` and the critical ${pct(rule.criticalEffectSize ?? 0)}` : ''}; ${test}`,
      );
    }
    if (spreadBreach && spread) {
      why.push(
        `the canary's spread is ${num(spread.ratio)}× the baseline's (${spread.method} p = ${num(spread.p)}, allowed ${num(rule.maxSpreadRatio)}×)`,
      );
    }
    finding.message = `${rule.metric}: ${why.join('; ')}.`;
    return finding;
  }
  if (coverage < rule.minCoverage) {
    finding.status = 'pending';
    finding.margin.remainingMs = toCover;
    finding.message = `${rule.metric}: ${shift}; ${test}; ${spreadText}; nothing breached yet, but ${coverageText(rule, coverage, toCover)}.`;
    return finding;
  }
  finding.message = `${rule.metric}: ${shift}; ${test}; ${spreadText}: no regression.`;
  return finding;
}

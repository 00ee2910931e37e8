// `baseline_ratio`: canary and baseline are each aggregated over the `for` window (mean unless `aggregate`
// says otherwise) and canary / baseline is compared with `ratio`. The rule claims a sustained comparison,
// so it judges (breach or pass) only once both windows are covered; before that it is pending.
// A zero baseline is explicit: 0 / 0 is read as "no change" (ratio 1); x / 0 with x > 0 is unbounded.
import { aggregateWindow } from '../aggregate.js';
import { breaches, marginOf, opWords } from '../compare.js';
import type { CompiledBaselineRatio } from '../compile.js';
import {
  baseFinding,
  coverageText,
  type EvalContext,
  type Finding,
  isPair,
  lackOfEvidence,
  resolvePair,
} from '../finding.js';
import { finiteOrNull, num } from '../format.js';
import { windowStats } from '../window.js';

/** canary / baseline with the zero-baseline convention above. */
export function ratioOf(canary: number, baseline: number): number {
  if (baseline === 0)
    return canary === 0 ? 1 : canary > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return canary / baseline;
}

/** Evaluates a baseline_ratio rule. */
export function evaluateBaselineRatio(rule: CompiledBaselineRatio, ctx: EvalContext): Finding {
  const pair = resolvePair(rule, ctx);
  if (!isPair(pair)) return pair;
  const { canary, baseline } = pair;
  const cs = windowStats(canary, ctx.now, rule.windowMs, rule.minCoverage);
  const bs = windowStats(baseline, ctx.now, rule.windowMs, rule.minCoverage);
  const lacking =
    lackOfEvidence(rule, cs, `${rule.metric} (canary)`) ??
    lackOfEvidence(rule, bs, `${rule.metric} (baseline)`);
  if (lacking) {
    lacking.samples = cs.n + bs.n;
    lacking.details = { ...lacking.details, canarySamples: cs.n, baselineSamples: bs.n };
    return lacking;
  }

  const c = aggregateWindow(canary, cs, rule.aggregate);
  const b = aggregateWindow(baseline, bs, rule.aggregate);
  const ratio = ratioOf(c, b);
  const coverage = Math.min(cs.coverage, bs.coverage);
  const toCover = Math.max(cs.toCover, bs.toCover);
  const finding = baseFinding(rule, 'pass', '');
  finding.observed = finiteOrNull(ratio);
  finding.op = rule.op;
  finding.threshold = rule.ratio;
  finding.samples = cs.n + bs.n;
  finding.coverage = coverage;
  finding.margin.value = marginOf(rule.op, ratio, rule.ratio);
  finding.details = {
    aggregate: rule.aggregate,
    canary: finiteOrNull(c),
    baseline: finiteOrNull(b),
    canarySamples: cs.n,
    baselineSamples: bs.n,
    nanSamples: cs.nonFinite + bs.nonFinite,
  };
  const zero =
    b === 0
      ? c === 0
        ? ' (both are 0: read as no change)'
        : ' (baseline is 0: the ratio is unbounded)'
      : '';
  const what = `${rule.aggregate} ${rule.metric} is ${num(c)} on the canary vs ${num(b)} on the baseline over the last ${rule.window}: ratio ${num(ratio)}${zero}`;
  const breaching = breaches(rule.op, ratio, rule.ratio);

  if (coverage < rule.minCoverage) {
    finding.status = 'pending';
    finding.margin.remainingMs = toCover;
    finding.message = `${what}; ${breaching ? 'it would breach' : 'it passes so far'}, but ${coverageText(rule, coverage, toCover)}.`;
    return finding;
  }
  if (breaching) {
    finding.status = 'breach';
    finding.message = `${what}, ${opWords(rule.op)} ${num(rule.ratio)}× the baseline.`;
    return finding;
  }
  finding.message = `${what}, not ${opWords(rule.op)} ${num(rule.ratio)}×.`;
  return finding;
}

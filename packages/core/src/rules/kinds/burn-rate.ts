// `burn_rate`: multi-window SLO burn over an error-ratio metric (values 0..1). The burn rate of a window is
// the mean error ratio in it divided by the error budget (1 - objective). A pair fires when both its long and
// its short window burn faster than its factor (Google SRE workbook), and only once its short window is
// covered; a long window is read over whatever data it holds (as a Prometheus range query would).
// Evidence (minSamples, minCoverage, noData) is judged on the shortest short window.
import type { CompiledBurnPair, CompiledBurnRate } from '../compile.js';
import {
  baseFinding,
  coverageText,
  type EvalContext,
  type Finding,
  isColumn,
  lackOfEvidence,
  resolveSingle,
} from '../finding.js';
import { dur, finiteOrNull, num, pct } from '../format.js';
import { windowStats } from '../window.js';

interface PairResult {
  pair: CompiledBurnPair;
  long: number;
  short: number;
  shortCoverage: number;
  shortToCover: number;
  /** min(long, short) / factor: 1 or more means both windows exceed the factor (fires above 1). */
  closeness: number;
}

/** Evaluates a burn_rate rule. */
export function evaluateBurnRate(rule: CompiledBurnRate, ctx: EvalContext): Finding {
  const col = resolveSingle(rule, ctx);
  if (!isColumn(col)) return col;
  const evidence = windowStats(col, ctx.now, rule.windowMs, rule.minCoverage);
  const lacking = lackOfEvidence(rule, evidence, rule.metric);
  if (lacking) return lacking;

  const budget = 1 - rule.objective;
  // Each distinct window is read once even when pairs share it.
  const burnCache = new Map<number, { burn: number; coverage: number; toCover: number; n: number }>();
  const burnOf = (ms: number) => {
    let hit = burnCache.get(ms);
    if (!hit) {
      const s = windowStats(col, ctx.now, ms, rule.minCoverage);
      hit = { burn: s.n > 0 ? s.sum / s.n / budget : 0, coverage: s.coverage, toCover: s.toCover, n: s.n };
      burnCache.set(ms, hit);
    }
    return hit;
  };
  const results: PairResult[] = rule.pairs.map((pair) => {
    const long = burnOf(pair.longMs);
    const short = burnOf(pair.shortMs);
    return {
      pair,
      long: long.burn,
      short: short.burn,
      shortCoverage: short.coverage,
      shortToCover: short.toCover,
      closeness: Math.min(long.burn, short.burn) / pair.factor,
    };
  });
  const fires = (r: PairResult) => r.long > r.pair.factor && r.short > r.pair.factor;
  const firing = results.filter((r) => fires(r) && r.shortCoverage >= rule.minCoverage);
  const waiting = results.filter((r) => fires(r) && r.shortCoverage < rule.minCoverage);
  const closest = (list: PairResult[]) => list.reduce((a, b) => (b.closeness > a.closeness ? b : a));
  const decider =
    firing.length > 0 ? closest(firing) : waiting.length > 0 ? closest(waiting) : closest(results);

  const finding = baseFinding(rule, 'pass', '');
  const observed = Math.min(decider.long, decider.short);
  finding.observed = finiteOrNull(observed);
  finding.op = '>';
  finding.threshold = decider.pair.factor;
  finding.window = decider.pair.long;
  finding.samples = evidence.n;
  finding.coverage = evidence.coverage;
  finding.margin.value = finiteOrNull(decider.pair.factor - observed);
  const details: Record<string, number | string | null> = {
    objective: rule.objective,
    errorBudget: budget,
    pair: `${decider.pair.long}|${decider.pair.short}`,
    factor: decider.pair.factor,
    nanSamples: evidence.nonFinite,
  };
  for (const r of results) {
    details[`burn_${r.pair.long}`] = finiteOrNull(r.long);
    details[`burn_${r.pair.short}`] = finiteOrNull(r.short);
  }
  finding.details = details;
  const pairText = (r: PairResult) =>
    `${num(r.long)}× over ${r.pair.long} and ${num(r.short)}× over ${r.pair.short} (factor ${num(r.pair.factor)})`;
  const slo = `the ${num(rule.objective * 100)} % SLO error budget`;

  if (firing.length > 0) {
    finding.status = 'breach';
    finding.message = `${rule.metric} burns ${slo} at ${pairText(decider)}: both windows exceed the factor.`;
    return finding;
  }
  if (waiting.length > 0) {
    finding.status = 'pending';
    finding.margin.remainingMs = decider.shortToCover;
    finding.message = `${rule.metric} burns ${slo} at ${pairText(decider)}, but its ${decider.pair.short} window is only ${pct(decider.shortCoverage)} covered (${pct(rule.minCoverage)} needed, ${dur(decider.shortToCover)} to go).`;
    return finding;
  }
  if (evidence.coverage < rule.minCoverage) {
    finding.status = 'pending';
    finding.margin.remainingMs = evidence.toCover;
    finding.message = `${rule.metric} burns ${slo} at ${pairText(decider)} (closest pair), below every factor so far, but ${coverageText(rule, evidence.coverage, evidence.toCover)}.`;
    return finding;
  }
  finding.message = `${rule.metric} burns ${slo} at ${pairText(decider)} (closest pair): no pair has both windows above its factor.`;
  return finding;
}

// `burn_rate`: multi-window, multi-burn-rate SLO alerts (Google SRE workbook, "Alerting on SLOs"). The burn rate of
// a window is its error ratio divided by the error budget (1 - objective). The error ratio is traffic-weighted —
// total errors over total requests in the window, the workbook's `rate(errors[w]) / rate(requests[w])` — when the
// rule names `errors` and `requests` series and both are present; otherwise it is the mean of the error-ratio
// series `metric` (every sample weighted alike: the documented fallback). A pair fires when both its long and its
// short window burn faster than its factor, and only once its short window is covered (the workbook's alert fires
// on whatever data a range holds); a long window is read over whatever data it holds. A firing `page` pair applies
// the rule's action, a firing `ticket` pair `ticketAction` (hold, or none: reported only).
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
import type { Column } from '../series.js';
import { type WindowStats, windowStats } from '../window.js';

interface PairResult {
  pair: CompiledBurnPair;
  long: number;
  short: number;
  shortCoverage: number;
  shortToCover: number;
  /** min(long, short) / factor: 1 or more means both windows exceed the factor (fires above 1). */
  closeness: number;
}

interface WindowBurn {
  burn: number;
  coverage: number;
  toCover: number;
}

/** Where a rule's error ratio comes from: one ratio series, or errors over requests. */
type BurnSource =
  | { weighting: 'ratio'; ratio: Column }
  | { weighting: 'traffic'; errors: Column; requests: Column };

function resolveSource(rule: CompiledBurnRate, ctx: EvalContext): BurnSource | Finding {
  if (rule.errors !== null && rule.requests !== null) {
    const hasErrors = ctx.series.get(rule.errors) !== null;
    const hasRequests = ctx.series.get(rule.requests) !== null;
    if (hasErrors && hasRequests) {
      const errors = resolveSingle(rule, ctx, rule.errors);
      if (!isColumn(errors)) return errors;
      const requests = resolveSingle(rule, ctx, rule.requests);
      if (!isColumn(requests)) return requests;
      return { weighting: 'traffic', errors, requests };
    }
    if (ctx.series.get(rule.metric) === null) {
      const missing = [hasErrors ? null : rule.errors, hasRequests ? null : rule.requests].filter(Boolean);
      return baseFinding(
        rule,
        'no_data',
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in the series, nor is the error-ratio series ${rule.metric}: no samples at all.`,
      );
    }
  }
  const ratio = resolveSingle(rule, ctx);
  if (!isColumn(ratio)) return ratio;
  return { weighting: 'ratio', ratio };
}

function burnReader(source: BurnSource, now: number, minCoverage: number, budget: number) {
  if (source.weighting === 'ratio') {
    return (ms: number): WindowBurn => {
      const s = windowStats(source.ratio, now, ms, minCoverage);
      return { burn: s.n > 0 ? s.sum / s.n / budget : 0, coverage: s.coverage, toCover: s.toCover };
    };
  }
  return (ms: number): WindowBurn => {
    const e = windowStats(source.errors, now, ms, minCoverage);
    const r = windowStats(source.requests, now, ms, minCoverage);
    // No requests: no errors burn nothing; errors without requests burn without bound.
    const ratio = r.sum > 0 ? e.sum / r.sum : e.sum > 0 ? Number.POSITIVE_INFINITY : 0;
    return {
      burn: ratio / budget,
      coverage: Math.min(e.coverage, r.coverage),
      toCover: Math.max(e.toCover, r.toCover),
    };
  };
}

function evidenceOf(rule: CompiledBurnRate, source: BurnSource, now: number): WindowStats | Finding {
  if (source.weighting === 'ratio') {
    const ev = windowStats(source.ratio, now, rule.windowMs, rule.minCoverage);
    return lackOfEvidence(rule, ev, rule.metric) ?? ev;
  }
  const errors = windowStats(source.errors, now, rule.windowMs, rule.minCoverage);
  const requests = windowStats(source.requests, now, rule.windowMs, rule.minCoverage);
  return (
    lackOfEvidence(rule, requests, rule.requests ?? rule.metric) ??
    lackOfEvidence(rule, errors, rule.errors ?? rule.metric) ??
    requests
  );
}

/** Evaluates a burn_rate rule. */
export function evaluateBurnRate(rule: CompiledBurnRate, ctx: EvalContext): Finding {
  const source = resolveSource(rule, ctx);
  if ('status' in source) return source;
  const evidence = evidenceOf(rule, source, ctx.now);
  if ('status' in evidence) return evidence;

  const budget = 1 - rule.objective;
  const read = burnReader(source, ctx.now, rule.minCoverage, budget);
  // Each distinct window is read once even when pairs share it.
  const burnCache = new Map<number, WindowBurn>();
  const burnOf = (ms: number) => {
    let hit = burnCache.get(ms);
    if (!hit) {
      hit = read(ms);
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
  const covered = (r: PairResult) => r.shortCoverage >= rule.minCoverage;
  const pages = results.filter((r) => fires(r) && covered(r) && r.pair.severity === 'page');
  const tickets = results.filter((r) => fires(r) && covered(r) && r.pair.severity === 'ticket');
  const waiting = results.filter((r) => fires(r) && !covered(r));
  const closest = (list: PairResult[]) => list.reduce((a, b) => (b.closeness > a.closeness ? b : a));
  const holding = rule.ticketAction === 'hold' ? tickets : [];
  const decider =
    pages.length > 0
      ? closest(pages)
      : holding.length > 0
        ? closest(holding)
        : waiting.length > 0
          ? closest(waiting)
          : closest(results);

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
    severity: decider.pair.severity,
    weighting: source.weighting,
    nanSamples: evidence.nonFinite,
  };
  for (const r of results) {
    details[`burn_${r.pair.long}`] = finiteOrNull(r.long);
    details[`burn_${r.pair.short}`] = finiteOrNull(r.short);
  }
  // Ticket pairs that fire without a vote (ticketAction none) are still named.
  const silentTickets = rule.ticketAction === 'none' ? tickets : [];
  if (silentTickets.length > 0)
    details.tickets = silentTickets.map((r) => `${r.pair.long}|${r.pair.short}`).join(', ');
  finding.details = details;
  const pairText = (r: PairResult) =>
    `${num(r.long)}× over ${r.pair.long} and ${num(r.short)}× over ${r.pair.short} (factor ${num(r.pair.factor)})`;
  const what = source.weighting === 'traffic' ? `${rule.errors} / ${rule.requests}` : rule.metric;
  const slo = `the ${num(rule.objective * 100)} % SLO error budget`;
  const ticketNote =
    silentTickets.length > 0
      ? `; ticket pair ${details.tickets} fires (ticketAction none: reported, no vote)`
      : '';

  if (pages.length > 0) {
    finding.status = 'breach';
    finding.message = `${what} burns ${slo} at ${pairText(decider)}: both windows exceed the factor (page).`;
    return finding;
  }
  if (holding.length > 0) {
    finding.status = 'breach';
    finding.breachAction = 'hold';
    finding.message = `${what} burns ${slo} at ${pairText(decider)}: both windows exceed the factor (ticket: hold, not ${rule.action}).`;
    return finding;
  }
  if (waiting.length > 0) {
    finding.status = 'pending';
    finding.margin.remainingMs = decider.shortToCover;
    finding.message = `${what} burns ${slo} at ${pairText(decider)}, but its ${decider.pair.short} window is only ${pct(decider.shortCoverage)} covered (${pct(rule.minCoverage)} needed, ${dur(decider.shortToCover)} to go)${ticketNote}.`;
    return finding;
  }
  if (evidence.coverage < rule.minCoverage) {
    finding.status = 'pending';
    finding.margin.remainingMs = evidence.toCover;
    finding.message = `${what} burns ${slo} at ${pairText(decider)} (closest pair), below every factor so far, but ${coverageText(rule, evidence.coverage, evidence.toCover)}${ticketNote}.`;
    return finding;
  }
  finding.message =
    silentTickets.length > 0
      ? `${what} burns ${slo} at ${pairText(decider)} (closest pair): no page pair fires${ticketNote}.`
      : `${what} burns ${slo} at ${pairText(decider)} (closest pair): no pair has both windows above its factor.`;
  return finding;
}

// What a rule kind reports before limits and policies turn it into a verdict, plus the resolution of
// the series a rule reads and the evidence checks every kind shares.
import type { ComparisonOp, ContractIssue } from '@rollgate/contract';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import type { CompiledRule } from './compile.js';
import { dur, num } from './format.js';
import { type Column, type SeriesCache, type Source, seriesPath } from './series.js';
import type { ReasonMargin, ReasonStatus } from './types.js';

/** Scalar figures attached to a reason. */
export type Details = Record<string, number | string | boolean | null>;

/** A rule kind's finding. */
export interface Finding {
  status: ReasonStatus;
  observed: number | null;
  op: ComparisonOp | null;
  threshold: number | null;
  window: string | null;
  samples: number;
  coverage: number;
  since: number | null;
  margin: ReasonMargin;
  message: string;
  details: Details;
  /** A breach beyond a critical bound: applies at once, whatever the failure limit. */
  critical?: boolean;
  /** What a breach asks for instead of the rule's action (a burn-rate ticket); counted as no failure. */
  breachAction?: 'hold';
}

/** What a kind evaluator reads besides its rule. */
export interface EvalContext {
  /** Evaluation instant, epoch ms. */
  now: number;
  /** Lazily normalized series. */
  series: SeriesCache;
  /** Problems with the input, appended to as rules find them. */
  issues: ContractIssue[];
}

/** A finding with nothing measured yet: the starting point of every outcome. */
export function baseFinding(
  rule: { readonly window: string | null },
  status: ReasonStatus,
  message: string,
): Finding {
  return {
    status,
    observed: null,
    op: null,
    threshold: null,
    window: rule.window,
    samples: 0,
    coverage: 0,
    since: null,
    margin: { value: null, remainingMs: null },
    message,
    details: {},
  };
}

function sourceFinding(rule: CompiledRule, source: Source, label: string): Finding | Column {
  switch (source.kind) {
    case 'samples':
      return source.column;
    case 'error':
      return baseFinding(
        rule,
        'error',
        `${label} could not be read: the sample provider reported "${source.message}".`,
      );
    case 'invalid':
      return baseFinding(rule, 'invalid', `${label} cannot be read: ${source.message}.`);
  }
}

/** The samples a single-series rule reads (the canary side of a paired entry), or the finding that stops it. */
export function resolveSingle(rule: CompiledRule, ctx: EvalContext, metric = rule.metric): Column | Finding {
  const entry = ctx.series.get(metric);
  if (entry === null)
    return baseFinding(rule, 'no_data', `${metric} is not in the series: no samples at all.`);
  if (entry.kind === 'paired') return sourceFinding(rule, entry.canary, `${metric} (canary)`);
  return sourceFinding(rule, entry.source, metric);
}

/** Canary and baseline samples of one metric. */
export interface Pair {
  canary: Column;
  baseline: Column;
}

/** True for a pair of columns, false for a finding. */
export function isPair(value: Pair | Finding): value is Pair {
  return 'canary' in value;
}

/** Canary and baseline samples of a paired rule, or the finding that stops it (errors before missing data). */
export function resolvePair(rule: CompiledRule, ctx: EvalContext): Pair | Finding {
  const entry = ctx.series.get(rule.metric);
  if (entry === null)
    return baseFinding(rule, 'no_data', `${rule.metric} is not in the series: no samples at all.`);
  if (entry.kind === 'single') {
    const message = `a ${rule.kind} rule compares canary with baseline: give ${rule.metric} as { canary: [...], baseline: [...] }`;
    ctx.issues.push({
      code: ROLLBACK_ISSUE_CODES.SAMPLE_INVALID,
      path: seriesPath(rule.metric),
      message: `rule "${rule.id}": ${message}`,
    });
    return baseFinding(rule, 'invalid', `${message}.`);
  }
  const canary = sourceFinding(rule, entry.canary, `${rule.metric} (canary)`);
  const baseline = sourceFinding(rule, entry.baseline, `${rule.metric} (baseline)`);
  for (const status of ['invalid', 'error'] as const) {
    if (!isColumn(canary) && canary.status === status) return canary;
    if (!isColumn(baseline) && baseline.status === status) return baseline;
  }
  if (!isColumn(canary)) return canary;
  if (!isColumn(baseline)) return baseline;
  return { canary, baseline };
}

/** True for samples, false for a finding. */
export function isColumn(value: Column | Finding): value is Column {
  return 'v' in value;
}

/** The evidence figures the shared checks read. */
export interface Evidence {
  n: number;
  nonFinite: number;
  coverage: number;
  toCover: number;
}

/**
 * The finding when the window holds too little to judge: `nan` (only NaN samples), `no_data` (none, or fewer
 * than minSamples over a covered window), `pending` (fewer than minSamples while the window is still filling).
 */
export function lackOfEvidence(rule: CompiledRule, ev: Evidence, label: string): Finding | null {
  const windowText = `the last ${rule.window}`;
  if (ev.n === 0) {
    const f =
      ev.nonFinite > 0
        ? baseFinding(
            rule,
            'nan',
            `${label} has only NaN samples in ${windowText} (${ev.nonFinite}): no measurement.`,
          )
        : baseFinding(rule, 'no_data', `${label} has no samples in ${windowText}.`);
    f.details = { nanSamples: ev.nonFinite };
    return f;
  }
  if (ev.n < rule.minSamples) {
    const filling = ev.coverage < rule.minCoverage;
    const f = baseFinding(
      rule,
      filling ? 'pending' : 'no_data',
      filling
        ? `${label} has ${ev.n} of the ${rule.minSamples} samples needed; ${windowText} is still filling (${dur(ev.toCover)} to go).`
        : `${label} has only ${ev.n} of the ${rule.minSamples} samples needed in ${windowText}.`,
    );
    f.samples = ev.n;
    f.coverage = ev.coverage;
    f.margin.remainingMs = filling ? ev.toCover : null;
    f.details = { nanSamples: ev.nonFinite, minSamples: rule.minSamples };
    return f;
  }
  return null;
}

/** "covers 40 % of the last 2m" wording for pending messages. */
export function coverageText(rule: CompiledRule, coverage: number, toCover: number): string {
  return `samples cover ${num(Math.floor(coverage * 1000) / 10)} % of the last ${rule.window} (${num(rule.minCoverage * 100)} % needed, ${dur(toCover)} to go)`;
}

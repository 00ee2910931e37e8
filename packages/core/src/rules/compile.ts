// From a rule the contract has already accepted to the form the kinds evaluate: every default applied (from
// the contract's ROLLBACK_RULE_DEFAULTS), durations in milliseconds, the evidence window chosen per kind and
// the burn-rate preset expanded. Pure and total: a parsed rule always compiles.
import {
  type Aggregate,
  type BurnRateRule,
  type BurnSeverity,
  type ComparisonOp,
  type ForClock,
  type NoDataPolicy,
  ROLLBACK_RULE_DEFAULTS,
  type RollbackRule,
  type RuleAction,
} from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';

/**
 * The `slo-30d` burn-rate preset: the four window pairs of the Google SRE workbook for a 30-day SLO, the two fast
 * ones paging (2 % and 5 % of the budget), the two slow ones ticketing (10 % in a day, 10 % in three days).
 */
export const SLO_30D_BURN_WINDOWS: readonly {
  long: string;
  short: string;
  factor: number;
  severity: BurnSeverity;
}[] = Object.freeze([
  { long: '1h', short: '5m', factor: 14.4, severity: 'page' },
  { long: '6h', short: '30m', factor: 6, severity: 'page' },
  { long: '1d', short: '2h', factor: 3, severity: 'ticket' },
  { long: '3d', short: '6h', factor: 1, severity: 'ticket' },
]);

/** Fields and defaults every compiled rule has. */
export interface CompiledBase {
  /** Rule id. */
  id: string;
  /** Metric the rule reads. */
  metric: string;
  /** What a breach asks for. */
  action: RuleAction;
  /** Finite samples needed before the rule judges. */
  minSamples: number;
  /** Fraction of the window the samples must cover for a pass. */
  minCoverage: number;
  /** What missing evidence decides. */
  noData: NoDataPolicy;
  /** Reported, never counted. */
  dryRun: boolean;
  /** Breaches tolerated before the rule fails. */
  failureLimit: number;
  /** Inconclusive measurements tolerated. */
  inconclusiveLimit: number;
  /** Provider errors in a row tolerated before the noData policy applies. */
  consecutiveErrorLimit: number;
  /** Evidence window in ms. */
  windowMs: number;
  /** Evidence window as written. */
  window: string;
}

/** A compiled `threshold` rule. */
export interface CompiledThreshold extends CompiledBase {
  /** Rule kind. */
  kind: 'threshold';
  /** Comparison operator. */
  op: ComparisonOp;
  /** Threshold. */
  value: number;
  /** `for` in ms; null when absent or zero (the latest sample decides). */
  forMs: number | null;
  /** `for` as written; null when absent or zero. */
  for: string | null;
  /** How the `for` clock reads NaN, gaps and staleness markers. */
  forClock: ForClock;
}

/** A compiled `baseline_ratio` rule. */
export interface CompiledBaselineRatio extends CompiledBase {
  /** Rule kind. */
  kind: 'baseline_ratio';
  /** Comparison operator. */
  op: ComparisonOp;
  /** Threshold on canary / baseline. */
  ratio: number;
  /** Aggregation of each side over the window. */
  aggregate: Aggregate;
}

/** A compiled `count` rule. */
export interface CompiledCount extends CompiledBase {
  /** Rule kind. */
  kind: 'count';
  /** Comparison operator. */
  op: ComparisonOp;
  /** Threshold on the sum. */
  value: number;
}

/** One compiled long/short window pair. */
export interface CompiledBurnPair {
  /** Long window as written. */
  long: string;
  /** Short window as written. */
  short: string;
  /** Long window in ms. */
  longMs: number;
  /** Short window in ms. */
  shortMs: number;
  /** Burn rate both windows must exceed. */
  factor: number;
  /** `page`: a firing pair applies the rule's action; `ticket`: its ticketAction. */
  severity: BurnSeverity;
}

/** A compiled `burn_rate` rule. */
export interface CompiledBurnRate extends CompiledBase {
  /** Rule kind. */
  kind: 'burn_rate';
  /** SLO objective (0..1). */
  objective: number;
  /** Window pairs, from `windows` or the preset. */
  pairs: CompiledBurnPair[];
  /** Series of failed requests, for the traffic-weighted ratio; null without one. */
  errors: string | null;
  /** Series of all requests, for the traffic-weighted ratio; null without one. */
  requests: string | null;
  /** What a firing ticket pair asks for. */
  ticketAction: 'hold' | 'none';
}

/** A compiled `mann_whitney` rule. */
export interface CompiledMannWhitney extends CompiledBase {
  /** Rule kind. */
  kind: 'mann_whitney';
  /** Which change counts as worse. */
  direction: 'increase' | 'decrease' | 'either';
  /** Confidence the U test must reach. */
  confidence: number;
  /** Effect size a breach must exceed. */
  allowedEffectSize: number;
  /** Effect size that breaches at once, whatever the failure limit; null when not set. */
  criticalEffectSize: number | null;
  /** Whether the spread is compared too. */
  compareSpread: boolean;
  /** Spread ratio a breach must exceed. */
  maxSpreadRatio: number;
}

/** Any compiled rule. */
export type CompiledRule =
  | CompiledThreshold
  | CompiledBaselineRatio
  | CompiledCount
  | CompiledBurnRate
  | CompiledMannWhitney;

const D = ROLLBACK_RULE_DEFAULTS;

// The contract has checked the pattern, so a duration always parses; 0 stands in only to keep this total.
const ms = (duration: string): number => parseDuration(duration) ?? 0;

function baseOf(rule: RollbackRule, window: string): CompiledBase {
  return {
    id: rule.id,
    metric: rule.metric,
    action: rule.action ?? D.action,
    minSamples: rule.minSamples ?? D.minSamples,
    minCoverage: rule.minCoverage ?? D.minCoverage,
    noData: rule.noData ?? D.noData,
    dryRun: rule.dryRun ?? D.dryRun,
    failureLimit: rule.failureLimit ?? D.failureLimit,
    inconclusiveLimit: rule.inconclusiveLimit ?? D.inconclusiveLimit,
    consecutiveErrorLimit: rule.consecutiveErrorLimit ?? D.consecutiveErrorLimit,
    windowMs: ms(window),
    window,
  };
}

function compileBurnRate(rule: BurnRateRule): CompiledBurnRate {
  const spec = rule.windows ?? SLO_30D_BURN_WINDOWS;
  const pairs = spec.map((w) => ({
    long: w.long,
    short: w.short,
    longMs: ms(w.long),
    shortMs: ms(w.short),
    factor: w.factor,
    severity: w.severity ?? D.severity,
  }));
  // Evidence is judged on the shortest short window: the fastest pair can decide once it is covered.
  let shortest = pairs[0]!;
  for (const p of pairs) if (p.shortMs < shortest.shortMs) shortest = p;
  return Object.assign(baseOf(rule, shortest.short), {
    kind: 'burn_rate' as const,
    objective: rule.objective,
    pairs,
    errors: rule.errors ?? null,
    requests: rule.requests ?? null,
    ticketAction: rule.ticketAction ?? D.ticketAction,
  });
}

/**
 * Compiles one rule the contract accepted: defaults applied, durations in ms, its evidence window chosen.
 * Built with Object.assign, not object spread: V8 copies a spread of these shapes on a slow path (~15 µs a
 * rule), which was most of the fixed cost of an evaluation.
 */
export function compileRule(rule: RollbackRule): CompiledRule {
  switch (rule.kind) {
    case 'threshold': {
      const hasFor = rule.for !== undefined && ms(rule.for) > 0;
      // The evidence window is `window` when given, else the `for` duration, else 5m.
      const window = rule.window ?? (hasFor ? rule.for! : D.window);
      return Object.assign(baseOf(rule, window), {
        kind: 'threshold' as const,
        op: rule.op,
        value: rule.value,
        forMs: hasFor ? ms(rule.for!) : null,
        for: hasFor ? rule.for! : null,
        forClock: rule.forClock ?? D.forClock,
      });
    }
    case 'baseline_ratio':
      // DESIGN: canary and baseline are aggregated over the `for` window.
      return Object.assign(baseOf(rule, rule.for ?? rule.window ?? D.window), {
        kind: 'baseline_ratio' as const,
        op: rule.op,
        ratio: rule.ratio,
        aggregate: rule.aggregate ?? D.aggregate,
      });
    case 'count':
      return Object.assign(baseOf(rule, rule.window ?? D.window), {
        kind: 'count' as const,
        op: rule.op,
        value: rule.value,
      });
    case 'burn_rate':
      return compileBurnRate(rule);
    case 'mann_whitney':
      return Object.assign(baseOf(rule, rule.window ?? D.window), {
        kind: 'mann_whitney' as const,
        direction: rule.direction,
        confidence: rule.confidence ?? D.confidence,
        allowedEffectSize: rule.allowedEffectSize ?? D.allowedEffectSize,
        criticalEffectSize: rule.criticalEffectSize ?? null,
        compareSpread: rule.compareSpread ?? D.compareSpread,
        maxSpreadRatio: rule.maxSpreadRatio ?? D.maxSpreadRatio,
      });
  }
}

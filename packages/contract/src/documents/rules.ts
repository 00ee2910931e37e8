import { z } from 'zod';
import { Duration, Name, SchemaVersion, Text } from '../primitives/schemas.js';
import { parseDuration } from '../primitives/time.js';

/** Comparison operator of a rule; the rule is breached when `observed <op> threshold` holds. */
export const ComparisonOp = z.enum(['>', '>=', '<', '<=', '==', '!=']);
/** Comparison operator of a rule. */
export type ComparisonOp = z.infer<typeof ComparisonOp>;

/** What a breached rule asks for. */
export const RuleAction = z.enum(['rollback', 'block', 'hold']);
/** What a breached rule asks for. */
export type RuleAction = z.infer<typeof RuleAction>;

/** What a rule decides when it has too little evidence. */
export const NoDataPolicy = z.enum(['inconclusive', 'hold', 'rollback', 'ignore']);
/** What a rule decides when it has too little evidence. */
export type NoDataPolicy = z.infer<typeof NoDataPolicy>;

/** Aggregation over a window of samples. */
export const Aggregate = z.enum(['mean', 'p50', 'p90', 'p95', 'p99', 'max', 'min', 'sum', 'last']);
/** Aggregation over a window of samples. */
export type Aggregate = z.infer<typeof Aggregate>;

/**
 * What an absent field of a rollback rule means: the evidence, limits and judging defaults every
 * evaluator of this document applies (limits as Argo Rollouts counts them).
 */
export const ROLLBACK_RULE_DEFAULTS = Object.freeze({
  action: 'rollback',
  minSamples: 1,
  minCoverage: 1,
  noData: 'inconclusive',
  dryRun: false,
  window: '5m',
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  aggregate: 'mean',
  confidence: 0.98,
  allowedEffectSize: 0.1,
  compareSpread: true,
  maxSpreadRatio: 2,
  forClock: 'prometheus',
  severity: 'page',
  ticketAction: 'hold',
} as const);

/** A metric name as rules and queries spell it: `http.server.errors.rate`, `http_requests_total`. */
export const MetricName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/, 'expected a metric name such as http.server.errors.rate');

// A window must hold time: a duration whose every part is zero (`0s`, `0m0s`) has no non-zero digit.
const PositiveDuration = Duration.regex(/[1-9]/, 'expected a duration longer than 0, such as 30s or 5m');

const limit = (fallback: number, description: string) =>
  z.number().int().min(0).max(1000).optional().meta({ default: fallback, description });

// Fields every rule shares: identity, evidence requirements and Argo-style limits.
const ruleCommon = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/, 'expected a rule id of lowercase letters, digits, ".", "_", "-"'),
  metric: MetricName,
  description: Text.optional(),
  action: RuleAction.optional().meta({ default: ROLLBACK_RULE_DEFAULTS.action }),
  minSamples: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ default: ROLLBACK_RULE_DEFAULTS.minSamples }),
  minCoverage: z.number().min(0).max(1).optional().meta({
    default: ROLLBACK_RULE_DEFAULTS.minCoverage,
    description: 'fraction of the window samples must cover',
  }),
  noData: NoDataPolicy.optional().meta({ default: ROLLBACK_RULE_DEFAULTS.noData }),
  dryRun: z.boolean().optional().meta({ default: ROLLBACK_RULE_DEFAULTS.dryRun }),
  window: PositiveDuration.optional().meta({ default: ROLLBACK_RULE_DEFAULTS.window }),
  failureLimit: limit(ROLLBACK_RULE_DEFAULTS.failureLimit, 'breaches tolerated before the rule fails'),
  inconclusiveLimit: limit(
    ROLLBACK_RULE_DEFAULTS.inconclusiveLimit,
    'inconclusive measurements tolerated before the rule is inconclusive',
  ),
  consecutiveErrorLimit: limit(
    ROLLBACK_RULE_DEFAULTS.consecutiveErrorLimit,
    'provider errors in a row tolerated before the noData policy applies',
  ),
};

/**
 * How a threshold rule's `for` clock reads the samples: `prometheus` (default) as a Prometheus alerting rule does —
 * a NaN sample is not a breach and restarts the clock, a gap longer than the lookback (the rule's `window`) or a
 * staleness marker ends the series; `samples`: every finite sample since the breach began breaches, NaN samples,
 * gaps and staleness markers are skipped (the reading before issue 13).
 */
export const ForClock = z.enum(['prometheus', 'samples']);
/** How a threshold rule's `for` clock reads the samples. */
export type ForClock = z.infer<typeof ForClock>;

/** `metric op value`, sustained `for` a duration (Prometheus `for` on sample times). */
export const ThresholdRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('threshold'),
  op: ComparisonOp,
  value: z.number().finite(),
  for: Duration.optional(),
  forClock: ForClock.optional().meta({
    default: ROLLBACK_RULE_DEFAULTS.forClock,
    description:
      'prometheus: NaN, a gap longer than the window and a staleness marker restart the for clock; samples: they are skipped',
  }),
});
/** `metric op value`, sustained `for` a duration. */
export type ThresholdRule = z.infer<typeof ThresholdRule>;

/** Canary aggregate vs baseline aggregate: breached when `canary / baseline <op> ratio`. */
export const BaselineRatioRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('baseline_ratio'),
  op: ComparisonOp,
  ratio: z.number().finite().positive(),
  for: PositiveDuration.optional(),
  aggregate: Aggregate.optional().meta({ default: ROLLBACK_RULE_DEFAULTS.aggregate }),
});
/** Canary aggregate vs baseline aggregate. */
export type BaselineRatioRule = z.infer<typeof BaselineRatioRule>;

/** Sum of sample values in `window` compared to `value` (e.g. contract-test failures > 0 blocks). */
export const CountRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('count'),
  op: ComparisonOp,
  value: z.number().finite(),
});
/** Sum of sample values in `window` compared to `value`. */
export type CountRule = z.infer<typeof CountRule>;

/** How urgent a firing burn-rate window pair is (SRE workbook): `page` applies the rule's action, `ticket` its `ticketAction`. */
export const BurnSeverity = z.enum(['page', 'ticket']);
/** How urgent a firing burn-rate window pair is. */
export type BurnSeverity = z.infer<typeof BurnSeverity>;

/** One long/short window pair of a multi-window burn-rate alert; `long` is not shorter than `short`. */
export const BurnRateWindow = z
  .strictObject({
    long: PositiveDuration,
    short: PositiveDuration,
    factor: z.number().finite().positive(),
    severity: BurnSeverity.optional().meta({
      default: ROLLBACK_RULE_DEFAULTS.severity,
      description: "page: a firing pair applies the rule's action; ticket: it applies ticketAction",
    }),
  })
  .superRefine((pair, ctx) => {
    const long = parseDuration(pair.long);
    const short = parseDuration(pair.short);
    if (long !== undefined && short !== undefined && long < short)
      ctx.addIssue({
        code: 'custom',
        path: ['long'],
        input: pair.long,
        message: `must not be shorter than short (${pair.short})`,
      });
  });
/** One long/short window pair of a multi-window burn-rate alert. */
export type BurnRateWindow = z.infer<typeof BurnRateWindow>;

// A burn-rate rule's windows come from `windows` or `preset`, so it has no `window` of its own.
const { window: _window, ...burnRateCommon } = ruleCommon;

/**
 * Multi-window SLO burn rate: fires when both windows of a pair burn faster than `factor`. The error ratio of a
 * window is total `errors` over total `requests` (both series of counts or rates, sampled alike) when those are
 * given and present, else the mean of the error-ratio series `metric` (the unweighted fallback; `metric` also
 * names the rule in reasons). Give exactly one of `windows` and `preset`; `errors` and `requests` together.
 */
export const BurnRateRule = z
  .strictObject({
    ...burnRateCommon,
    kind: z.literal('burn_rate'),
    objective: z.number().gt(0).lt(1),
    windows: z.array(BurnRateWindow).min(1).optional(),
    preset: z.enum(['slo-30d']).optional(),
    errors: MetricName.optional().meta({ description: 'series of failed requests (counts or rates)' }),
    requests: MetricName.optional().meta({ description: 'series of all requests (counts or rates)' }),
    ticketAction: z.enum(['hold', 'none']).optional().meta({
      default: ROLLBACK_RULE_DEFAULTS.ticketAction,
      description: 'what a firing ticket pair asks for: hold, or none (reported, no vote against promotion)',
    }),
  })
  .superRefine((rule, ctx) => {
    if ((rule.errors === undefined) !== (rule.requests === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [rule.errors === undefined ? 'errors' : 'requests'],
        input: rule.errors ?? rule.requests,
        message: 'errors and requests go together: give both series names, or neither',
      });
    if ((rule.windows === undefined) === (rule.preset === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['windows'],
        input: rule.windows,
        message:
          rule.windows === undefined
            ? 'required: give windows [{ long, short, factor }] or preset: slo-30d'
            : 'windows and preset are both set; give one of them',
      });
  });
/** Multi-window SLO burn rate. */
export type BurnRateRule = z.infer<typeof BurnRateRule>;

/**
 * Mann-Whitney U judge of canary vs baseline samples, with effect size and a spread comparison.
 * `criticalEffectSize`, when given, is at least `allowedEffectSize`.
 */
export const MannWhitneyRule = z
  .strictObject({
    ...ruleCommon,
    kind: z.literal('mann_whitney'),
    direction: z.enum(['increase', 'decrease', 'either']),
    confidence: z.number().gt(0.5).lt(1).optional().meta({ default: ROLLBACK_RULE_DEFAULTS.confidence }),
    allowedEffectSize: z
      .number()
      .finite()
      .min(0)
      .optional()
      .meta({ default: ROLLBACK_RULE_DEFAULTS.allowedEffectSize }),
    criticalEffectSize: z.number().finite().min(0).optional(),
    compareSpread: z.boolean().optional().meta({ default: ROLLBACK_RULE_DEFAULTS.compareSpread }),
    maxSpreadRatio: z
      .number()
      .finite()
      .gt(1)
      .optional()
      .meta({ default: ROLLBACK_RULE_DEFAULTS.maxSpreadRatio }),
  })
  .superRefine((rule, ctx) => {
    const allowed = rule.allowedEffectSize ?? ROLLBACK_RULE_DEFAULTS.allowedEffectSize;
    if (rule.criticalEffectSize !== undefined && rule.criticalEffectSize < allowed)
      ctx.addIssue({
        code: 'custom',
        path: ['criticalEffectSize'],
        input: rule.criticalEffectSize,
        message: `must be at least allowedEffectSize (${allowed})`,
      });
  });
/** Mann-Whitney U judge of canary vs baseline samples. */
export type MannWhitneyRule = z.infer<typeof MannWhitneyRule>;

/** Any rollback rule, discriminated on `kind`. */
export const RollbackRule = z.discriminatedUnion('kind', [
  ThresholdRule,
  BaselineRatioRule,
  CountRule,
  BurnRateRule,
  MannWhitneyRule,
]);
/** Any rollback rule. */
export type RollbackRule = z.infer<typeof RollbackRule>;

/** A rule set: what `evaluateRollback` judges samples against. Rule ids are unique (state and reasons are keyed by id). */
export const RollbackRules = z.strictObject({
  schema_version: SchemaVersion.optional(),
  name: Name.optional(),
  rules: z
    .array(RollbackRule)
    .min(1, 'a rule set needs at least one rule')
    .max(1000)
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, i) => {
        if (seen.has(rule.id))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'id'],
            input: rule.id,
            message: `rule id "${rule.id}" is used by an earlier rule; ids must be unique`,
          });
        seen.add(rule.id);
      });
    }),
});
/** A rule set. */
export type RollbackRules = z.infer<typeof RollbackRules>;

import type { ComparisonOp, ContractIssue, RollbackRule, RollbackRules } from '@rollgate/contract';
import type { CompiledRules } from './compiled-rules.js';

/** What a rollback evaluation asks the orchestrator to do, worst first: block > rollback > inconclusive > hold > continue > promote. */
export type RollbackAction = 'promote' | 'continue' | 'hold' | 'rollback' | 'block' | 'inconclusive';

/**
 * What one rule found: `pass` (judged good with full evidence), `breach` (judged bad), `pending` (nothing bad yet but
 * the window or a `for` duration is not yet covered), `no_data` (no or too few samples), `nan` (only NaN samples),
 * `error` (the sample provider failed), `invalid` (the rule or its series cannot be evaluated as written).
 */
export type ReasonStatus = 'pass' | 'breach' | 'pending' | 'no_data' | 'nan' | 'error' | 'invalid';

/** Rule kinds the evaluator knows. */
export type RuleKind = RollbackRule['kind'];

/** One measurement: epoch milliseconds and a value (`null` or NaN means the provider returned no number). */
export interface Sample {
  /** Sample time, epoch milliseconds. */
  t: number;
  /** Measured value; NaN, null or a non-number is a "NaN sample", distinct from a missing one. */
  value: number | null;
  /**
   * A staleness marker (Prometheus writes one when a target or series disappears): the series ends here until
   * a later sample; `value` is ignored. A `threshold` rule's `for` clock resets at once.
   */
  stale?: boolean;
}

/** The same samples as columns: the fast path (typed arrays are used without a copy when already sorted). */
export interface SampleColumns {
  /** Sample times, epoch milliseconds. */
  t: Float64Array | readonly number[];
  /** Values, index-aligned with `t`. */
  value: Float64Array | readonly (number | null)[];
  /** Staleness markers, index-aligned with `t` (`true` or 1 marks one; its value is ignored). */
  stale?: Uint8Array | readonly boolean[];
}

/** A sample provider failure for a metric (timeout, HTTP 500, bad query): distinct from empty and from NaN. */
export interface ProviderError {
  /** What the provider reported. */
  error: string;
}

/** Samples of one metric (or one side of a canary/baseline pair). */
export type SampleSource = readonly Sample[] | SampleColumns | ProviderError;

/** Canary and baseline samples of one metric, for `baseline_ratio` and `mann_whitney` rules. */
export interface PairedSeries {
  /** Samples from the new version. */
  canary: SampleSource;
  /** Samples from the stable version (or a baseline deployment of it). */
  baseline: SampleSource;
}

/** Samples keyed by metric name. */
export type SeriesInput = Readonly<Record<string, SampleSource | PairedSeries>>;

/** Argo-style counters of one rule across successive evaluations. */
export interface RuleCounters {
  /** Breached measurements so far (compared with `failureLimit`: the rule fails when count > limit). */
  failures: number;
  /** Inconclusive measurements so far (compared with `inconclusiveLimit`). */
  inconclusives: number;
  /** Provider errors so far. */
  errors: number;
  /** Provider errors in a row (compared with `consecutiveErrorLimit`, default 4). */
  consecutiveErrors: number;
  /** Passed measurements so far. */
  passes: number;
  /** `now` of the last evaluation counted for this rule; an evaluation at or before it is a replay and counts nothing. */
  lastEvaluatedAt: number | null;
}

/** State carried between evaluations; pass the returned state to the next call. Plain JSON. */
export interface RollbackState {
  /** Distinct evaluation instants counted so far. */
  evaluations: number;
  /** `now` of the latest evaluation seen (epoch ms). */
  lastEvaluatedAt: number | null;
  /** Counters per rule id. */
  rules: Record<string, RuleCounters>;
}

/** How far a rule is from flipping. */
export interface ReasonMargin {
  /** Signed distance from the threshold: positive on the passing side, zero or negative on the breaching side. */
  value: number | null;
  /** Milliseconds until a pending `for` completes (or until the window is covered), when that applies. */
  remainingMs: number | null;
}

/** Why one rule decided what it decided. */
export interface RuleReason {
  /** Rule id. */
  rule: string;
  /** Rule kind (as written, even when unknown). */
  kind: string;
  /** Metric the rule reads. */
  metric: string;
  /** What the rule found. */
  status: ReasonStatus;
  /** What this rule alone asks for (after limits and the noData policy); null when its policy is `ignore`. */
  verdict: RollbackAction | null;
  /** The statistic compared with the threshold (value, aggregate, ratio, sum, burn rate, effect size). */
  observed: number | null;
  /** Comparison operator, when the rule has one. */
  op: ComparisonOp | null;
  /** The threshold the observed statistic is compared with. */
  threshold: number | null;
  /** The window the evidence was taken from, as a duration string (`2m`). */
  window: string | null;
  /** Finite samples used (both sides summed for canary/baseline rules). */
  samples: number;
  /** Fraction of the window covered by samples (0..1). */
  coverage: number;
  /** Epoch ms the current breach started (first breaching sample of the current run), when applicable. */
  since: number | null;
  /** How far the rule is from flipping. */
  margin: ReasonMargin;
  /** True when the rule is evaluated and reported but never changes the verdict. */
  dryRun: boolean;
  /** A plain-English sentence. */
  message: string;
  /** Kind-specific figures (p-values, both aggregates, burn rates per window, NaN counts, limit counters). */
  details: Readonly<Record<string, number | string | boolean | null>>;
}

/** Result of `evaluateRollback`. */
export interface RollbackDecision {
  /** The verdict: the worst action any enforced (non-dry-run) rule asks for. */
  action: RollbackAction;
  /** One reason per rule, in rule order. */
  reasons: RuleReason[];
  /** Ids of the enforced rules whose verdict is the decision's action. */
  decidedBy: string[];
  /** Counters to pass to the next evaluation. */
  state: RollbackState;
  /** `sha256:<hex>` over the canonical inputs (rules, sorted series, now); null when hashing was turned off. */
  inputHash: string | null;
  /** `now` as epoch milliseconds (null when `now` was not a valid instant). */
  evaluatedAt: number | null;
  /**
   * Mistakes in the input, each `{ code, path, message }`: the contract's codes for the rules, the codes of
   * `ROLLBACK_ISSUE_CODES` for the rest. A rule named here is reported `invalid` and never lets the decision promote.
   */
  issues: ContractIssue[];
  /** One plain-English sentence summing up the decision. */
  summary: string;
}

/** Input of `evaluateRollback`. */
export interface EvaluateRollbackInput {
  /**
   * A rule-set document, a bare array of rules, or what `compileRules` returned (parsed once, for callers that
   * evaluate every minute). Read as `unknown`-safe: bad input becomes `issues`.
   */
  rules: RollbackRules | readonly RollbackRule[] | CompiledRules;
  /** Samples keyed by metric. */
  series: SeriesInput;
  /** Evaluation instant: epoch milliseconds or a Date. */
  now: number | Date;
  /** State returned by the previous evaluation (omit on the first). */
  state?: RollbackState;
  /** Compute `inputHash` (default true); turning it off skips hashing every sample. */
  hashInputs?: boolean;
}

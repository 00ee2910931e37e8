import type { ContractIssue, TelemetryEvent } from '@rollgate/contract';

// Public shapes of canary progression. Everything here is plain JSON so a state can be stored
// between evaluations (a ConfigMap, a database row) and a run can be replayed from a log.
// The plan is the contract's `CanaryPlan` document; it has no shape here.

/** Every phase, in the order a run can reach them; the state reader checks against this list. */
export const CANARY_PHASES = ['DEPLOYMENT', 'MONITORING', 'PAUSED', 'ROLLBACK', 'PROMOTED'] as const;
/** Where a canary stands; ROLLBACK and PROMOTED are terminal. */
export type CanaryPhase = (typeof CANARY_PHASES)[number];

/** Every verdict a rollback-rule evaluation can hand to the canary; the decision reader checks against this list. */
export const CANARY_ACTIONS = ['promote', 'continue', 'hold', 'rollback', 'block', 'inconclusive'] as const;
/** Every verdict a rollback-rule evaluation can hand to the canary. */
export type CanaryAction = (typeof CANARY_ACTIONS)[number];

/** An instant: epoch milliseconds, a Date, or an RFC 3339 timestamp with an offset. */
export type CanaryInstant = number | Date | string;

/**
 * One reason of a decision, read structurally so any evaluator's reason type fits; the fields
 * used for `rollback.requested` are `metric`, `observed` and `window`.
 */
export interface CanaryReasonLike {
  /** Id of the rule that produced the reason. */
  readonly rule?: unknown;
  /** Metric the reason measured. */
  readonly metric?: unknown;
  /** Observed value (a finite number is needed to report it). */
  readonly observed?: unknown;
  /** Window of the observation, a duration string such as `5m`. */
  readonly window?: unknown;
  /** What this reason asked for (`verdict` in the rules evaluator, `action` elsewhere). */
  readonly verdict?: unknown;
  /** What this reason asked for, under the name `action`. */
  readonly action?: unknown;
  /** A dry-run reason is reported but never decides, so it is never the deciding reason. */
  readonly dryRun?: unknown;
  /** Threshold the observation was compared with. */
  readonly threshold?: unknown;
  /** Kind-specific figures; `canary`, `canaryMedian`, `latest` or `sum` stand in for a missing `observed`. */
  readonly details?: unknown;
  /** Human explanation, used verbatim as the rollback reason when present. */
  readonly message?: unknown;
}

/** What `advanceCanary` needs from a decision: its action, and optionally its reasons. */
export interface CanaryDecisionInput {
  /** The verdict of the evaluation. */
  readonly action: CanaryAction;
  /** Explained reasons; the deciding one feeds `rollback.requested.observed`. */
  readonly reasons?: readonly CanaryReasonLike[];
  /** Ids of the rules that decided the action; their reasons are preferred as the deciding one. */
  readonly decidedBy?: readonly string[];
}

/** A rollback signal raised outside rule evaluation (e.g. `healthcheck_failure_breach`). */
export interface CanaryRollbackSignal {
  /** Signal name, e.g. `healthcheck_failure_breach`. */
  readonly name: string;
  /** Metric behind the signal. */
  readonly metric?: string;
  /** Observed value of that metric. */
  readonly observed?: number;
  /** Window of the observation (duration string). */
  readonly window?: string;
  /** Human explanation. */
  readonly message?: string;
}

/** One health observation of the canary, as `confirmDeployment` reads it. */
export interface DeploymentHealth {
  /** True when every health check of the canary passes right now; false counts as a failed observation. */
  readonly healthOk: boolean;
  /** An active rollback signal (`true` or its description); absent, `false` or `null` means none. */
  readonly rollbackSignal?: boolean | CanaryRollbackSignal | null;
}

/** Who and what the telemetry events describe; supplies their common fields. */
export interface CanaryContext {
  /** Service name. */
  readonly service: string;
  /** Deployment environment (lowercase, e.g. `production`). */
  readonly environment: string;
  /** Version being rolled out. */
  readonly version: string;
  /** Correlation id shared by every event of the rollout. */
  readonly correlationId: string;
  /** Orchestrator task id, when one exists. */
  readonly taskId?: string;
  /** RFC 3339 offset of event timestamps (default `Z`; the observability profile uses `+08:00`). */
  readonly offset?: string;
}

/** Serialisable state of one canary run; every instant is epoch milliseconds. */
export interface CanaryState {
  /** Where the canary stands. */
  readonly phase: CanaryPhase;
  /** Index of the current step in the plan (kept on rollback, so the failed step is known). */
  readonly stepIndex: number;
  /** Traffic weight in percent the canary should get now (0 after a rollback). */
  readonly weight: number;
  /** When the current step's weight was applied. */
  readonly stepStartedAt: number;
  /** When the current step's hold clock started; null until the health gate opens or while paused. */
  readonly holdStartedAt: number | null;
  /** When the canary was paused; null unless PAUSED. */
  readonly pausedAt: number | null;
  /** When the canary started. */
  readonly startedAt: number;
  /** Instant of the last input applied (decisions never move time backwards). */
  readonly updatedAt: number;
  /** The last action applied, or null before any decision. */
  readonly lastAction: CanaryAction | null;
  /** Why the canary is where it is, in plain English. */
  readonly reason: string;
  /** How many phase or step changes happened (the length of the run's history). */
  readonly transitions: number;
  /**
   * Consecutive failed health observations in DEPLOYMENT past the plan's grace; a passing one resets
   * it. Reaching the plan's `deployment.failureThreshold` rolls the canary back.
   */
  readonly healthFailures: number;
}

/** Result of every canary transition function. */
export interface CanaryResult {
  /** The new state (the same values when nothing changed). */
  readonly state: CanaryState;
  /** Telemetry events of the transition, in order; empty without a context. */
  readonly events: TelemetryEvent[];
  /** Mistakes found in the inputs, each `{ code, path, message }`; empty when the inputs were sound. */
  readonly issues: ContractIssue[];
}

/** One recorded input of a canary run: a rule decision or a health observation, at an instant. */
export type CanaryLogEntry =
  | {
      /** When the decision was applied. */
      readonly now: CanaryInstant;
      /** A rule decision, as `advanceCanary` takes it. */
      readonly decision: CanaryDecisionInput;
    }
  | {
      /** When the health was observed. */
      readonly now: CanaryInstant;
      /** A health observation, as `confirmDeployment` takes it. */
      readonly health: DeploymentHealth;
    };

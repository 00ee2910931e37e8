import { ObservedMetric } from '@rollgate/contract';
import { formatDuration, parseDuration } from '@rollgate/contract/time';
import type { CanaryAction, CanaryReasonLike, CanaryRollbackSignal } from './types.js';

// Chooses what `rollback.requested` reports: the measurement that decided the rollback when the
// decision carries one, otherwise a default that says plainly no measurement was attached.

/** Metric reported when a rollback came with no usable measurement. */
export const DEFAULT_ROLLBACK_METRIC = 'rollgate.canary.decision';

/** Reason text and observed measurement of a rollback. */
export interface RollbackDetails {
  readonly reason: string;
  readonly observed: ObservedMetric;
}

// A metric the contract's `rollback.requested.observed.metric` accepts.
const isMetric = (v: unknown): v is string => ObservedMetric.shape.metric.safeParse(v).success;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// `observed` first; a rules reason without one may still carry the canary figure in `details`
// (the same fallback as the rules evaluator's toRollbackRequested).
function measuredValue(reason: CanaryReasonLike): number | undefined {
  if (isFiniteNumber(reason.observed)) return reason.observed;
  const details = reason.details;
  if (typeof details !== 'object' || details === null) return undefined;
  for (const key of ['canary', 'canaryMedian', 'latest', 'sum']) {
    const v = (details as Record<string, unknown>)[key];
    if (isFiniteNumber(v)) return v;
  }
  return undefined;
}

function measurement(
  reason: CanaryReasonLike,
): { metric: string; value: number; window: string | undefined } | undefined {
  const { metric, window } = reason;
  if (!isMetric(metric)) return undefined;
  const observed = measuredValue(reason);
  if (observed === undefined) return undefined;
  const validWindow = typeof window === 'string' && parseDuration(window) !== undefined ? window : undefined;
  return { metric, value: observed, window: validWindow };
}

function explain(reason: CanaryReasonLike): string | undefined {
  if (typeof reason.message === 'string' && reason.message.trim() !== '') return reason.message.trim();
  const parts: string[] = [];
  if (typeof reason.rule === 'string') parts.push(`rule ${reason.rule}`);
  if (typeof reason.metric === 'string') parts.push(reason.metric);
  if (reason.observed !== undefined) parts.push(`observed ${String(reason.observed)}`);
  if (reason.threshold !== undefined) parts.push(`threshold ${String(reason.threshold)}`);
  if (typeof reason.window === 'string') parts.push(`over ${reason.window}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

// Deciding reasons first: named in `decidedBy`, then asking for the decision's action, then any
// enforced reason. Dry-run reasons never decide, so they are never reported as the cause.
function byRelevance(
  action: CanaryAction,
  reasons: readonly CanaryReasonLike[],
  decidedBy: readonly unknown[],
) {
  const enforced = reasons.filter((r) => r.dryRun !== true);
  return [
    ...decidedBy.flatMap((id) => enforced.filter((r) => r.rule === id)),
    ...enforced.filter((r) => r.verdict === action || r.action === action),
    ...enforced,
  ];
}

/**
 * Details of a rollback decided by rules. The deciding reason is the first enforced reason with a
 * finite measurement, taken in this order: rules named in `decidedBy`, reasons whose `verdict` (or
 * `action`) equals the decision's, any other. Without one, `observed` is
 * `{ metric: 'rollgate.canary.decision', value: 1, window: <time spent on the step> }`.
 */
export function decisionRollback(
  action: CanaryAction,
  reasons: readonly CanaryReasonLike[],
  decidedBy: readonly unknown[],
  where: string,
  stepElapsedMs: number,
): RollbackDetails {
  const stepWindow = formatDuration(Math.max(0, stepElapsedMs));
  const candidates = byRelevance(action, reasons, decidedBy);
  for (const reason of candidates) {
    const m = measurement(reason);
    if (m === undefined) continue;
    return {
      reason: `${action} decision ${where}: ${explain(reason) ?? m.metric}`,
      observed: { metric: m.metric, value: m.value, window: m.window ?? stepWindow },
    };
  }
  const first = candidates[0];
  const why = first !== undefined ? explain(first) : undefined;
  return {
    reason: `${action} decision ${where}: ${why ?? 'no measurement was attached to the decision'}`,
    observed: { metric: DEFAULT_ROLLBACK_METRIC, value: 1, window: stepWindow },
  };
}

/** Details of a rollback raised by an orchestrator signal such as `healthcheck_failure_breach`. */
export function signalRollback(
  signal: CanaryRollbackSignal | true,
  where: string,
  stepElapsedMs: number,
): RollbackDetails {
  const stepWindow = formatDuration(Math.max(0, stepElapsedMs));
  if (signal === true) {
    return {
      reason: `rollback signal ${where}`,
      observed: { metric: 'rollgate.canary.rollback_signal', value: 1, window: stepWindow },
    };
  }
  const m = measurement(signal);
  const text =
    typeof signal.message === 'string' && signal.message.trim() !== '' ? `: ${signal.message.trim()}` : '';
  return {
    reason: `rollback signal ${signal.name} ${where}${text}`,
    observed: m
      ? { metric: m.metric, value: m.value, window: m.window ?? stepWindow }
      : { metric: 'rollgate.canary.rollback_signal', value: 1, window: stepWindow },
  };
}

/** Metric of `rollback.requested` when failed health checks rolled a DEPLOYMENT canary back; the value is the failure count. */
export const HEALTH_FAILURES_METRIC = 'rollgate.canary.health_failures';

/** Metric of `rollback.requested` when a canary was still in DEPLOYMENT after its progress deadline. */
export const PROGRESS_DEADLINE_METRIC = 'rollgate.canary.progress_deadline_exceeded';

/** Details of a rollback after `failures` consecutive failed health observations past the grace. */
export function healthFailureRollback(
  failures: number,
  graceMs: number,
  where: string,
  deployingMs: number,
): RollbackDetails {
  const deploying = formatDuration(Math.max(0, deployingMs));
  return {
    reason: `health checks failed ${failures} consecutive times ${where}, past the ${formatDuration(graceMs)} grace (${deploying} in DEPLOYMENT)`,
    observed: { metric: HEALTH_FAILURES_METRIC, value: failures, window: deploying },
  };
}

/** Details of a rollback of a canary still in DEPLOYMENT after its progress deadline. */
export function deadlineRollback(deadlineMs: number, where: string, deployingMs: number): RollbackDetails {
  const deploying = formatDuration(Math.max(0, deployingMs));
  return {
    reason: `progress deadline of ${formatDuration(deadlineMs)} passed ${where}: not every health check passed within it (${deploying} in DEPLOYMENT)`,
    observed: { metric: PROGRESS_DEADLINE_METRIC, value: 1, window: deploying },
  };
}

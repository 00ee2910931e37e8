// toRollbackRequested: the contract's `rollback.requested` event for a decision that asks for a rollback
// (or a block), built from the deciding reason. Core never loads zod, so the event is built to the schema's
// shape here and validated by whoever emits it (the emitter, or `parseContract('rollback-requested', …)`).
import type { RollbackRequested } from '@rollgate/contract';
import { formatDuration, formatTimestamp, offsetMinutes, parseDuration } from '@rollgate/contract/time';
import type { RollbackDecision, RuleReason } from './types.js';

/** Topic `rollback.requested` is emitted on (the contract's ROLLBACK_TOPIC, repeated so core loads no zod). */
export const ROLLBACK_REQUESTED_TOPIC = 'observability/deploy/rollback';

/** Who and when: the fields of the event that do not come from the decision. */
export interface RollbackEventContext {
  /** Service being rolled back. */
  service: string;
  /** Environment (written to both `env` and `environment`). */
  env: string;
  /** Version being rolled back. */
  version: string;
  /** Correlation id of the deployment. */
  correlationId: string;
  /** Event instant, epoch ms or Date. */
  now: number | Date;
  /** RFC 3339 offset of the timestamp (default `Z`; the observability profile uses `+08:00`). */
  offset?: string;
  /** Orchestrator task id, when one supplies it. */
  taskId?: string;
  /** Canary phase index, when one supplies it. */
  phaseIndex?: number;
}

/** Why no event was built. */
export interface RollbackEventError {
  /** `ROLLGATE_ERR_NOT_A_ROLLBACK` (the decision does not ask for one) or `ROLLGATE_ERR_EVENT_CONTEXT`. */
  code: 'ROLLGATE_ERR_NOT_A_ROLLBACK' | 'ROLLGATE_ERR_EVENT_CONTEXT';
  /** What is wrong. */
  message: string;
}

/** The event, or why there is none. Never thrown. */
export type RollbackEventResult =
  | { ok: true; value: RollbackRequested }
  | { ok: false; error: RollbackEventError };

function fail(code: RollbackEventError['code'], message: string): RollbackEventResult {
  return { ok: false, error: { code, message } };
}

// The contract's Duration pattern: `5m`, `1h30m`; normalised so `window` always validates.
function windowOf(reason: RuleReason): string {
  const ms = reason.window === null ? undefined : parseDuration(reason.window);
  return ms === undefined || ms <= 0 ? '0s' : formatDuration(ms);
}

function measuredValue(reason: RuleReason): number | null {
  if (reason.observed !== null) return reason.observed;
  for (const key of ['canary', 'canaryMedian', 'latest', 'sum'] as const) {
    const v = reason.details[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

const NAME_RE = /^\S(.*\S)?$/;

function checkName(field: string, value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 && NAME_RE.test(value)
    ? null
    : `${field} must be a non-empty name without surrounding spaces (at most 256 characters)`;
}

/**
 * The `rollback.requested` event for a `rollback` or `block` decision, with `observed { metric, value, window }`
 * and `reason` from the deciding reason (the first enforced rule whose verdict is the decision).
 */
export function toRollbackRequested(
  decision: RollbackDecision,
  context: RollbackEventContext,
): RollbackEventResult {
  if (decision.action !== 'rollback' && decision.action !== 'block') {
    return fail(
      'ROLLGATE_ERR_NOT_A_ROLLBACK',
      `the decision is "${decision.action}", not a rollback or block`,
    );
  }
  const reason = decision.reasons.find(
    (r) => !r.dryRun && r.verdict === decision.action && r.rule === decision.decidedBy[0],
  );
  if (!reason) return fail('ROLLGATE_ERR_NOT_A_ROLLBACK', 'the decision names no deciding rule');
  const value = measuredValue(reason);
  if (value === null) {
    return fail(
      'ROLLGATE_ERR_NOT_A_ROLLBACK',
      `rule "${reason.rule}" decided without a finite measurement (${reason.status})`,
    );
  }
  const problems = [
    checkName('service', context.service),
    checkName('version', context.version),
    checkName('correlationId', context.correlationId),
    context.taskId === undefined ? null : checkName('taskId', context.taskId),
    typeof context.env === 'string' && /^[a-z][a-z0-9_-]{0,62}$/.test(context.env)
      ? null
      : 'env must be a lowercase environment name such as "production"',
    context.phaseIndex === undefined ||
    (Number.isInteger(context.phaseIndex) && context.phaseIndex >= 0 && context.phaseIndex <= 10_000)
      ? null
      : 'phaseIndex must be an integer from 0 to 10000',
    offsetMinutes(context.offset ?? 'Z') === undefined ? 'offset must be Z or ±hh:mm' : null,
  ].filter((p): p is string => p !== null);
  const ms = context.now instanceof Date ? context.now.getTime() : context.now;
  // RFC 3339 years have four digits.
  if (
    typeof ms !== 'number' ||
    !Number.isFinite(ms) ||
    ms < -62_135_596_800_000 ||
    ms > 253_402_300_799_999
  ) {
    problems.push('now must be epoch milliseconds or a valid Date between the years 1 and 9999');
  }
  if (problems.length > 0) return fail('ROLLGATE_ERR_EVENT_CONTEXT', problems.join('; '));

  const event: RollbackRequested = {
    type: 'rollback.requested',
    service: context.service,
    env: context.env,
    environment: context.env,
    version: context.version,
    correlation_id: context.correlationId,
    timestamp: formatTimestamp(ms as number, context.offset ?? 'Z'),
    reason:
      `${decision.action === 'block' ? 'blocked' : 'rollback'} by rule ${reason.rule}: ${reason.message}`.slice(
        0,
        4096,
      ),
    observed: { metric: reason.metric, value, window: windowOf(reason) },
    topic: ROLLBACK_REQUESTED_TOPIC,
  };
  if (context.taskId !== undefined) event.task_id = context.taskId;
  if (context.phaseIndex !== undefined) event.phase_index = context.phaseIndex;
  return { ok: true, value: event };
}

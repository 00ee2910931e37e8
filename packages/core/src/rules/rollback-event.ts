// toRollbackRequested: the contract's `rollback.requested` event for a decision that asks for a rollback
// (or a block), built from the deciding reason and checked with the contract's own schema, so what this
// returns always parses. Context mistakes come back as issues named by their context field.
import {
  type ContractIssue,
  type ParseResult,
  parseContract,
  ROLLBACK_TOPIC,
  type RollbackRequested,
} from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { formatDuration, formatTimestamp, offsetMinutes, parseDuration } from '@rollgate/contract/time';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import type { RollbackDecision, RuleReason } from './types.js';

/** Topic `rollback.requested` is emitted on (the contract's `ROLLBACK_TOPIC`). */
export const ROLLBACK_REQUESTED_TOPIC: typeof ROLLBACK_TOPIC = ROLLBACK_TOPIC;

/** Who and when: the fields of the event that do not come from the decision. */
export interface RollbackEventContext {
  /** Service being rolled back. */
  service: string;
  /** Deployment environment (the event carries it as both `environment` and `env`). */
  environment: string;
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

/** The event, or every reason there is none (`{ code, path, message }` issues). Never thrown. */
export type RollbackEventResult = ParseResult<RollbackRequested>;

// Event field → context field, so an issue names what the caller wrote.
const CONTEXT_FIELD: Readonly<Record<string, keyof RollbackEventContext>> = {
  service: 'service',
  environment: 'environment',
  env: 'environment',
  version: 'version',
  correlation_id: 'correlationId',
  task_id: 'taskId',
  phase_index: 'phaseIndex',
  timestamp: 'now',
};
const CONTEXT_KEYS: readonly string[] = [
  'service',
  'environment',
  'version',
  'correlationId',
  'now',
  'offset',
  'taskId',
  'phaseIndex',
];
// RFC 3339 years have four digits: 0001-01-01 to 9999-12-31.
const FIRST_INSTANT = -62_135_596_800_000;
const LAST_INSTANT = 253_402_300_799_999;

function notARollback(path: string, message: string): RollbackEventResult {
  return { ok: false, issues: [{ code: ROLLBACK_ISSUE_CODES.NOT_A_ROLLBACK, path, message }] };
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

// What the schema cannot check: unknown keys of the context, the offset and the instant a timestamp is made of.
function contextIssues(context: RollbackEventContext): { issues: ContractIssue[]; ms: number | null } {
  const issues: ContractIssue[] = [];
  for (const key of Object.keys(context)) {
    if (!CONTEXT_KEYS.includes(key))
      issues.push({
        code: 'unrecognized_key',
        path: `context.${key}`,
        message: `unknown field "${key}" of the context; expected ${CONTEXT_KEYS.join(', ')}`,
      });
  }
  if (offsetMinutes(context.offset ?? 'Z') === undefined)
    issues.push({
      code: ROLLBACK_ISSUE_CODES.OFFSET_INVALID,
      path: 'context.offset',
      message: 'offset must be Z or ±hh:mm',
    });
  const ms = context.now instanceof Date ? context.now.getTime() : context.now;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < FIRST_INSTANT || ms > LAST_INSTANT) {
    issues.push({
      code: ROLLBACK_ISSUE_CODES.NOW_INVALID,
      path: 'context.now',
      message: 'now must be epoch milliseconds or a valid Date between the years 1 and 9999',
    });
    return { issues, ms: null };
  }
  return { issues, ms };
}

/**
 * The `rollback.requested` event for a `rollback` or `block` decision, with `observed { metric, value, window }`
 * and `reason` from the deciding reason (the first enforced rule whose verdict is the decision). Returns
 * `{ ok: true, value: event }` or `{ ok: false, issues }`; never throws.
 */
export function toRollbackRequested(
  decision: RollbackDecision,
  context: RollbackEventContext,
): RollbackEventResult {
  if (!isRecord(decision) || !Array.isArray(decision.reasons) || !Array.isArray(decision.decidedBy))
    return notARollback('decision', 'decision must be what evaluateRollback returned');
  if (!isRecord(context))
    return {
      ok: false,
      issues: [{ code: 'invalid_type', path: 'context', message: 'context must be an object' }],
    };
  if (decision.action !== 'rollback' && decision.action !== 'block') {
    return notARollback('decision.action', `the decision is "${decision.action}", not a rollback or block`);
  }
  const index = decision.reasons.findIndex(
    (r) => !r.dryRun && r.verdict === decision.action && r.rule === decision.decidedBy[0],
  );
  const reason = decision.reasons[index];
  if (!reason) return notARollback('decision.decidedBy', 'the decision names no deciding rule');
  const value = measuredValue(reason);
  if (value === null) {
    return notARollback(
      `decision.reasons[${index}].observed`,
      `rule "${reason.rule}" decided without a finite measurement (${reason.status})`,
    );
  }
  const checked = contextIssues(context);
  const offset = checked.issues.some((i) => i.path === 'context.offset') ? 'Z' : (context.offset ?? 'Z');
  const event: Record<string, unknown> = {
    type: 'rollback.requested',
    service: context.service,
    env: context.environment,
    environment: context.environment,
    version: context.version,
    correlation_id: context.correlationId,
    // A stand-in instant when `now` is refused, so the other fields are still checked.
    timestamp: formatTimestamp(checked.ms ?? 0, offset),
    reason:
      `${decision.action === 'block' ? 'blocked' : 'rollback'} by rule ${reason.rule}: ${reason.message}`.slice(
        0,
        4096,
      ),
    observed: { metric: reason.metric, value, window: windowOf(reason) },
    topic: ROLLBACK_TOPIC,
  };
  if (context.taskId !== undefined) event.task_id = context.taskId;
  if (context.phaseIndex !== undefined) event.phase_index = context.phaseIndex;
  const parsed = parseContract('rollback-requested', event);
  const issues = [...checked.issues];
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const [head = '', ...rest] = issue.path.split('.');
      const field = CONTEXT_FIELD[head];
      const path =
        field !== undefined
          ? `context.${field}`
          : head === 'observed'
            ? `decision.reasons[${index}].${rest.join('.') || 'observed'}`
            : `decision.${issue.path}`;
      // `env` and `environment` are one context field: one issue.
      if (!issues.some((i) => i.path === path && i.code === issue.code))
        issues.push({ code: issue.code, path, message: issue.message });
    }
  }
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues };
  return { ok: true, value: parsed.value };
}

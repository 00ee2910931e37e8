import type { ContractIssue, ParseResult } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { CANARY_ISSUE_CODES } from './codes.js';
import { toEpochMs } from './instant.js';
import type { PlanInMs } from './plan.js';
import { CANARY_ACTIONS, CANARY_PHASES, type CanaryState } from './types.js';

// A stored state is not a contract document: it is what a canary function returned, kept by the
// caller between calls. A damaged one must give a clear issue (and the fail-safe state), not a crash.

const isInstant = (v: unknown): v is number => typeof v === 'number' && toEpochMs(v) !== undefined;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const includes = (list: readonly string[], v: unknown) => typeof v === 'string' && list.includes(v);

function readFields(
  s: Record<string, unknown>,
  plan: PlanInMs,
  bad: (path: string, message: string) => void,
) {
  if (!includes(CANARY_PHASES, s.phase))
    bad('state.phase', `phase must be one of ${CANARY_PHASES.join(', ')}; got ${describeValue(s.phase)}`);
  const last = plan.steps.length - 1;
  if (!isCount(s.stepIndex) || s.stepIndex > last)
    bad(
      'state.stepIndex',
      `stepIndex must be a step of the plan (0 to ${last}); got ${describeValue(s.stepIndex)}`,
    );
  for (const key of ['stepStartedAt', 'startedAt', 'updatedAt'] as const) {
    if (!isInstant(s[key]))
      bad(`state.${key}`, `${key} must be epoch milliseconds; got ${describeValue(s[key])}`);
  }
  for (const key of ['holdStartedAt', 'pausedAt'] as const) {
    if (s[key] !== null && !isInstant(s[key]))
      bad(`state.${key}`, `${key} must be epoch milliseconds or null; got ${describeValue(s[key])}`);
  }
  if (s.lastAction !== null && !includes(CANARY_ACTIONS, s.lastAction))
    bad(
      'state.lastAction',
      `lastAction must be a decision action or null; got ${describeValue(s.lastAction)}`,
    );
  if (typeof s.reason !== 'string')
    bad('state.reason', `reason must be a string; got ${describeValue(s.reason)}`);
  for (const key of ['transitions', 'healthFailures'] as const) {
    if (!isCount(s[key]))
      bad(`state.${key}`, `${key} must be a non-negative integer; got ${describeValue(s[key])}`);
  }
}

// Fields that are each well-formed can still contradict the plan or each other.
function readConsistency(s: CanaryState, plan: PlanInMs, bad: (path: string, message: string) => void) {
  const expectedWeight = s.phase === 'ROLLBACK' ? 0 : plan.steps[s.stepIndex]?.weight;
  if (s.weight !== expectedWeight) {
    bad(
      'state.weight',
      `weight ${describeValue(s.weight)} does not match the plan: ${s.phase} at step ${s.stepIndex} has weight ${expectedWeight}`,
    );
  }
  if (s.phase === 'MONITORING' && s.holdStartedAt === null)
    bad('state.holdStartedAt', 'a MONITORING canary has a hold clock; holdStartedAt is null');
  if (s.phase === 'PAUSED' && s.pausedAt === null)
    bad('state.pausedAt', 'a PAUSED canary records when it paused; pausedAt is null');
}

/**
 * Reads a stored state against the plan it runs on. The value is the same object, unchanged: a
 * terminal state comes back identical.
 */
export function readState(state: unknown, plan: PlanInMs): ParseResult<CanaryState> {
  const issues: ContractIssue[] = [];
  const bad = (path: string, message: string) =>
    issues.push({ code: CANARY_ISSUE_CODES.invalidState, path, message });
  if (!isRecord(state)) {
    bad(
      'state',
      `a canary state is an object from startCanary or advanceCanary; got ${describeValue(state)}`,
    );
    return { ok: false, issues };
  }
  readFields(state, plan, bad);
  if (issues.length === 0) readConsistency(state as unknown as CanaryState, plan, bad);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: state as unknown as CanaryState };
}

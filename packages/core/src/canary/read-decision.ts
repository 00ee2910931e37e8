import type { ContractIssue } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { unknownKeyIssues } from '../evaluator-kit/unknown-keys.js';
import type { RollbackDecision } from '../rules/types.js';
import { CANARY_ISSUE_CODES } from './codes.js';
import {
  CANARY_ACTIONS,
  type CanaryAction,
  type CanaryDecisionInput,
  type CanaryReasonLike,
} from './types.js';

/** A decision as the state machine uses it. */
export interface ReadDecision {
  readonly action: CanaryAction;
  readonly reasons: readonly CanaryReasonLike[];
  readonly decidedBy: readonly unknown[];
  readonly issues: ContractIssue[];
}

const isAction = (v: unknown): v is CanaryAction =>
  typeof v === 'string' && (CANARY_ACTIONS as readonly string[]).includes(v);

// The keys a decision may carry: its own, and the rest of evaluateRollback's result, which is passed as it is.
// `satisfies` makes the compiler list every key of both types here.
const DECISION_KEYS = [
  ...Object.keys({ action: true, reasons: true, decidedBy: true } satisfies Record<
    keyof CanaryDecisionInput,
    true
  >),
  ...Object.keys({
    state: true,
    inputHash: true,
    evaluatedAt: true,
    issues: true,
    summary: true,
  } satisfies Record<Exclude<keyof RollbackDecision, keyof CanaryDecisionInput>, true>),
];

/**
 * Reads a decision (any evaluator's result with an `action` fits). A key that is neither the decision's nor
 * evaluateRollback's is reported (`acton` would otherwise read as a missing action, `reaons` as no reasons). One without a known action
 * reads as `inconclusive`, which pauses and never promotes; reasons are read structurally.
 */
export function readDecision(decision: unknown): ReadDecision {
  const issues: ContractIssue[] = [];
  const bad = (path: string, message: string) =>
    issues.push({ code: CANARY_ISSUE_CODES.invalidDecision, path, message });
  const record = isRecord(decision) ? decision : {};
  issues.push(...unknownKeyIssues(record, DECISION_KEYS, 'decision', 'decision'));
  let action: CanaryAction = 'inconclusive';
  if (isAction(record.action)) action = record.action;
  else
    bad(
      'decision.action',
      `decision.action must be one of ${CANARY_ACTIONS.join(', ')}; got ${describeValue(record.action)}, read as inconclusive`,
    );
  let reasons: readonly CanaryReasonLike[] = [];
  if (Array.isArray(record.reasons)) reasons = record.reasons.filter(isRecord) as readonly CanaryReasonLike[];
  else if (record.reasons !== undefined)
    bad(
      'decision.reasons',
      `decision.reasons must be an array when present; got ${describeValue(record.reasons)}, ignored`,
    );
  const decidedBy: readonly unknown[] = Array.isArray(record.decidedBy) ? record.decidedBy : [];
  return { action, reasons, decidedBy, issues };
}

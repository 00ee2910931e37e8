import type { ContractIssue, GateReason } from '@rollgate/contract';
import type { GateReasonCode } from './codes.js';

/** How a reason weighs on the decision: it passes, it rejects, or it passes only under a waiver. */
export type Effect = 'pass' | 'reject' | 'waiver';

/** One explained finding of the gate. */
export interface Finding {
  /** How it weighs on the verdict. */
  readonly effect: Effect;
  /** The reason as the decision record carries it. */
  readonly reason: GateReason;
}

/** Fields of a reason besides its code and message. */
export interface ReasonFields {
  /** The policy (or input) the reason is about. */
  readonly policy?: string;
  /** What was seen; `null` when nothing usable was. */
  readonly observed?: GateReason['observed'];
  /** What the policy allows. */
  readonly limit?: GateReason['limit'];
  /** The waiver the reason concerns. */
  readonly waiver_id?: string;
}

const MAX_MESSAGE = 4096;

/** Builds a finding; fields left undefined are omitted so the reason stays valid JSON. */
export function finding(
  effect: Effect,
  code: GateReasonCode,
  message: string,
  fields: ReasonFields = {},
): Finding {
  const reason: GateReason = { code, message: message.slice(0, MAX_MESSAGE) };
  if (fields.policy !== undefined) reason.policy = fields.policy;
  if (fields.observed !== undefined) reason.observed = fields.observed;
  if (fields.limit !== undefined) reason.limit = fields.limit;
  if (fields.waiver_id !== undefined) reason.waiver_id = fields.waiver_id;
  return { effect, reason };
}

/** A finding that rejects. */
export const reject = (code: GateReasonCode, message: string, fields?: ReasonFields): Finding =>
  finding('reject', code, message, fields);

/** A passed policy, explained. */
export const passed = (message: string, fields?: ReasonFields): Finding =>
  finding('pass', 'POLICY_PASSED', message, fields);

/**
 * Rejecting reasons for input mistakes, one per damaged field: the issues' text led by where they
 * are (`manifest.approvals[2].timestamp: …`), so the decision record says exactly what to fix.
 * `document` names the document the issues' paths are in; inputs that are not documents carry
 * their own name in the path.
 */
export function inputMistakes(
  code: GateReasonCode,
  issues: readonly ContractIssue[],
  document?: string,
  policy?: string,
): Finding[] {
  // One field can break two rules of its schema (a timestamp's pattern and its calendar date).
  const byPath = new Map<string, string[]>();
  for (const issue of issues) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue.message]);
  return [...byPath].map(([path, messages]) => {
    const place = [document, path].filter(Boolean).join(path.startsWith('[') ? '' : '.');
    const text = messages.join('; ');
    return reject(code, place === '' ? text : `${place}: ${text}`, { policy });
  });
}

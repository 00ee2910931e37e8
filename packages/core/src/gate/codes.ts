// The codes the gate speaks, each defined once. Reason codes are the contract's (a decision names
// them); issue codes are the gate's own, for the inputs that are not contract documents. A damaged
// policy or manifest comes back with parseContract's own issue codes instead.
import type { GATE_REASON_CODES } from '@rollgate/contract';

/**
 * The contract's reason codes for input the gate cannot read: a damaged policy, manifest, or other
 * input (instant, offset, scorecard, extra approvals or waivers). Each of them rejects: the gate never
 * approves what it could not check.
 */
export const GATE_INPUT_REASON_CODES = [
  'POLICY_INVALID',
  'MANIFEST_INVALID',
  'INPUT_INVALID',
] as const satisfies readonly (typeof GATE_REASON_CODES)[number][];

/** Every reason code `evaluateGate` can emit (the contract's list). */
export type GateReasonCode = (typeof GATE_REASON_CODES)[number];

/** Codes of the issues the gate reports about inputs that are not contract documents, or parts of documents it cannot enforce. */
export const GATE_ISSUE_CODES = {
  /** The input is not `{ policy, manifest, … }`, a field that must be an object is not one, or reading it threw. */
  invalidInput: 'invalid_input',
  /** `now` is not epoch milliseconds, a valid Date or an RFC 3339 timestamp in the years 0000 to 9999. */
  invalidTime: 'invalid_time',
  /** `offset` is not `Z` or `±hh:mm`. */
  invalidOffset: 'invalid_offset',
  /**
   * A policy of a newer 1.x schema that this gate does not enforce. parseContract keeps such fields;
   * the gate refuses them, because the policy's author believes they are enforced.
   */
  unenforcedPolicy: 'unenforced_policy',
} as const;

/** One of the gate's own issue codes. */
export type GateIssueCode = (typeof GATE_ISSUE_CODES)[keyof typeof GATE_ISSUE_CODES];

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

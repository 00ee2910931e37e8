import type { GATE_REASON_CODES } from '@rollgate/contract';

/**
 * Codes the gate adds to the contract's GATE_REASON_CODES for input it cannot read: a damaged
 * policy, manifest, or other input (instant, offset, scorecard, extra approvals or waivers).
 * Each of them rejects: the gate never approves what it could not check.
 */
export const GATE_INPUT_REASON_CODES = ['POLICY_INVALID', 'MANIFEST_INVALID', 'INPUT_INVALID'] as const;

/** Every reason code `evaluateGate` can emit. */
export type GateReasonCode = (typeof GATE_REASON_CODES)[number] | (typeof GATE_INPUT_REASON_CODES)[number];

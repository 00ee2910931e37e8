// The deployment gate: a pure evaluation of readiness, live signals, approvals, rehearsal and
// waivers into the contract's GateDecision, plus a `deployment.gate` span helper.
export { type BoundOp, type ParsedBound, parseBound, satisfiesBound } from './bound.js';
export {
  GATE_INPUT_REASON_CODES,
  GATE_ISSUE_CODES,
  type GateIssueCode,
  type GateReasonCode,
} from './codes.js';
export { evaluateGate, GATE_DECISION_SCHEMA_VERSION, UNKNOWN_RELEASE_ID } from './evaluate-gate.js';
export { DEFAULT_MAX_REHEARSAL_AGE_DAYS } from './read-policy.js';
export { GATE_SPAN_ATTRIBUTES, GATE_SPAN_NAME, withGateSpan } from './span.js';
export type { GateInput, GateSignals, GateSignature } from './types.js';

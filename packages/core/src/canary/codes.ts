// The issue codes the canary adds to the contract's. A damaged plan comes back with parseContract's
// own codes (`invalid_type`, `too_small`, `unrecognized_key`, …) under the path `plan`; everything
// that is not a contract document is read here and reported with one of these.

/** Codes of the issues canary functions report about inputs that are not contract documents. */
export const CANARY_ISSUE_CODES = {
  /** A stored state that no canary function returned, or that does not fit the plan. */
  invalidState: 'invalid_state',
  /** `now` (or a replay's start) is not epoch ms, a valid Date or an RFC 3339 timestamp. */
  invalidTime: 'invalid_time',
  /** `now` is before the state's last update; it was read as that update. */
  clockSkew: 'clock_skew',
  /** A decision without a known action (read as `inconclusive`), or with unreadable reasons. */
  invalidDecision: 'invalid_decision',
  /** A health observation that cannot be read; it neither opens the gate nor counts as a failure. */
  invalidHealth: 'invalid_health',
  /** The event context is incomplete or has an unknown key; the transition happens and no events are built. */
  invalidContext: 'invalid_context',
  /** A replay log that is not an array, or an entry that is neither a decision nor a health observation. */
  invalidLog: 'invalid_log',
} as const;

/** One of the canary's own issue codes. */
export type CanaryIssueCode = (typeof CANARY_ISSUE_CODES)[keyof typeof CANARY_ISSUE_CODES];

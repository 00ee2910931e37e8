// Codes of the issues the rollback evaluator adds to the contract's own (`invalid_type`, `unrecognized_key`, …),
// defined once here. Callers match on `code`; the message says what to fix. Rule-set problems carry the
// contract's codes, since the contract reads the rules.

/** Issue codes only the rollback evaluator and `toRollbackRequested` report. */
export const ROLLBACK_ISSUE_CODES = {
  /** `now` is not a finite epoch-ms number or a valid Date. */
  NOW_INVALID: 'invalid_now',
  /** `series` is not an object keyed by metric name. */
  SERIES_INVALID: 'invalid_series',
  /** A series entry has the wrong shape for the rule reading it, or a sample was dropped. */
  SAMPLE_INVALID: 'invalid_sample',
  /** `state` is not a state this evaluator returned; it was ignored. */
  STATE_INVALID: 'invalid_state',
  /** An unexpected failure inside the evaluator, reported instead of thrown. */
  EVALUATION_FAILED: 'evaluation_failed',
  /** `toRollbackRequested` was given a decision that does not ask for a rollback (or block) it can describe. */
  NOT_A_ROLLBACK: 'not_a_rollback',
  /** `toRollbackRequested` was given an offset that is not `Z` or `±hh:mm`. */
  OFFSET_INVALID: 'invalid_offset',
} as const;

/** One of the evaluator's own issue codes. */
export type RollbackIssueCode = (typeof ROLLBACK_ISSUE_CODES)[keyof typeof ROLLBACK_ISSUE_CODES];

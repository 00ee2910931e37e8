// Every problem the rollback evaluator reports as data, in one place (Fastify-style stable codes).
// Callers match on `code`; the message says what to fix.

/** Stable codes of `RollbackInputError`. */
export const ROLLBACK_ERROR_CODES = {
  /** The rules input is neither a rule-set document nor an array of rules. */
  RULES_INVALID: 'ROLLGATE_ERR_RULES_INVALID',
  /** One rule has a missing, unknown or out-of-range field. */
  RULE_INVALID: 'ROLLGATE_ERR_RULE_INVALID',
  /** Two rules share an id (state and reasons are keyed by id). */
  RULE_DUPLICATE_ID: 'ROLLGATE_ERR_RULE_DUPLICATE_ID',
  /** `now` is not a finite epoch-ms number or a valid Date. */
  NOW_INVALID: 'ROLLGATE_ERR_NOW_INVALID',
  /** `series` is not an object keyed by metric name. */
  SERIES_INVALID: 'ROLLGATE_ERR_SERIES_INVALID',
  /** A series entry has the wrong shape for the rule reading it, or a sample was dropped. */
  SAMPLE_INVALID: 'ROLLGATE_ERR_SAMPLE_INVALID',
  /** `state` is not a state this evaluator returned; it was ignored. */
  STATE_INVALID: 'ROLLGATE_ERR_STATE_INVALID',
  /** An unexpected failure inside the evaluator, reported instead of thrown. */
  EVALUATION_FAILED: 'ROLLGATE_ERR_EVALUATION_FAILED',
} as const;

/** One of the stable codes. */
export type RollbackErrorCode = (typeof ROLLBACK_ERROR_CODES)[keyof typeof ROLLBACK_ERROR_CODES];

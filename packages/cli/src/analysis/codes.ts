// Codes of the issues a Prometheus analysis adds to the contract's own, defined once here. Every one is found
// before any query runs: a request that would query the wrong thing never reaches Prometheus.

/** Issue codes only the analysis (runAnalysis, the analysis server) reports. */
export const ANALYSIS_ISSUE_CODES = {
  /** A rule reads a metric the metric-queries document has no query for. */
  QUERY_MISSING: 'missing_query',
  /** A `baseline_ratio` or `mann_whitney` rule reads a metric whose query has no `baseline`. */
  BASELINE_QUERY_MISSING: 'missing_baseline_query',
  /** A query uses a declared variable that has neither a value in the request nor a default. */
  VARIABLE_MISSING: 'missing_variable',
  /** A variable's value is not one PromQL can safely hold (see QUERY_VARIABLE_VALUE_PATTERN). */
  VARIABLE_INVALID: 'invalid_variable',
  /** `now` is not a finite epoch-ms number, a valid Date or an RFC 3339 timestamp. */
  NOW_INVALID: 'invalid_now',
  /** The request itself cannot be read (not JSON, too large, wrong shape). */
  REQUEST_INVALID: 'invalid_request',
} as const;

/** One of the analysis' own issue codes. */
export type AnalysisIssueCode = (typeof ANALYSIS_ISSUE_CODES)[keyof typeof ANALYSIS_ISSUE_CODES];

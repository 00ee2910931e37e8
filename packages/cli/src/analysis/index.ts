// Prometheus analysis: rules + metric-queries + a Prometheus URL → a rollback decision.
export { ANALYSIS_ISSUE_CODES, type AnalysisIssueCode } from './codes.js';
export { ANALYSIS_ERRORS, type AnalysisErrorCode, analysisError } from './errors.js';
export { PROMETHEUS_OPTION_KEYS, type PrometheusOptions } from './options.js';
export { type AnalysisFiles, type MetricPlan, type PreparedAnalysis, prepareAnalysis } from './plan.js';
export { applyProviderErrorPolicy, type ProviderErrorPolicy } from './provider-errors.js';
export {
  type AnalysisProgress,
  type AnalysisResult,
  type QueryRecord,
  type QuerySide,
  type RunAnalysisOptions,
  readNow,
  runAnalysis,
} from './run.js';
export { fillQuery, resolveVariables } from './variables.js';
export { DEFAULT_STEP_MS, MAX_POINTS_PER_SERIES, ruleRangeMs, stepFor } from './windows.js';

// Public API of the probe engine.

export { activeSpan, SPAN_ATTRIBUTES, TRACER_NAME } from '../tracing/index.js';
export { BUILD_ENVIRONMENT_VARIABLES, UNKNOWN_BUILD_FIELD } from './build-info.js';
export { createHealth } from './create-health.js';
export { SIMULATED_FAILURE } from './drills.js';
export {
  DEADLINE_SLACK_MS,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_HEARTBEAT,
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_RETRY_BACKOFF_MS,
  MAX_DRILL_LATENCY_MS,
  MAX_DRILL_MS,
  MAX_OPERATION_LENGTH,
  MAX_RETRY_BACKOFF_MS,
  MAX_STARTUP_ATTEMPTS,
  MAX_STARTUP_BUDGET_MS,
  PROBE_TIMEOUT_CAP_MS,
} from './limits.js';
export { MAX_NAME_BYTES } from './names.js';
export { timeoutMessage } from './outcome.js';
export {
  createRedactor,
  DEFAULT_MAX_MESSAGE_LENGTH,
  REDACTED,
  type Redactor,
  type RedactorOptions,
} from './redact.js';
export { checkTimeout, PROBE_GROUPS } from './registry.js';
export { aggregateStatus } from './report.js';
export type * from './types.js';

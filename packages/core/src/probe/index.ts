// Public API of the probe engine.

export { SPAN_ATTRIBUTES, TRACER_NAME } from '../tracing/index.js';
export { createHealth } from './create-health.js';
export {
  DEADLINE_SLACK_MS,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_HEARTBEAT,
  DEFAULT_PROBE_TIMEOUT_MS,
  MAX_OPERATION_LENGTH,
  PROBE_TIMEOUT_CAP_MS,
} from './limits.js';
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

// @rollgate/readyz: the framework-free /readyz, /livez, /healthz and /health router. Loads neither
// zod nor prom-client at import; prom-client is required only when metrics are configured.
// Setup errors are the one `RollgateError` class of '@rollgate/core', with codes from READYZ_ERRORS.

export { ADMIN_METHODS } from './admin.js';
export { MIN_ADMIN_TOKEN_LENGTH } from './admin-access.js';
export { createReadyz, READYZ_OPTION_KEYS } from './create-readyz.js';
export {
  READYZ_ERRORS,
  READYZ_REQUEST_ERRORS,
  type ReadyzErrorCode,
  type ReadyzRequestError,
  type ReadyzRequestErrorCode,
} from './errors.js';
export { DEFAULT_LIMITS } from './limits.js';
export type {
  GaugeLike,
  HistogramLike,
  MetricConfig,
  MetricLabels,
  MetricsRegistry,
  PromClientLike,
} from './metrics/prom-types.js';
export { DEFAULT_LATENCY_BUCKETS } from './metrics/readyz-metrics.js';
export {
  ALLOWED_METHODS,
  HEALTH_JSON_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  unavailableResponse,
} from './response.js';
export type {
  Readyz,
  ReadyzAdminOptions,
  ReadyzDetails,
  ReadyzGroupWords,
  ReadyzHeaders,
  ReadyzHeaderValue,
  ReadyzLimits,
  ReadyzMetricsOptions,
  ReadyzOptions,
  ReadyzPaths,
  ReadyzQuery,
  ReadyzQueryValue,
  ReadyzRequest,
  ReadyzResponse,
  ReadyzRoute,
  ReadyzRouteName,
  ReadyzStatusWords,
} from './types.js';

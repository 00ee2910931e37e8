// @rollgate/readyz: the framework-free /readyz, /livez, /healthz and /health router. Loads neither
// zod nor prom-client at import; prom-client is required only when metrics are configured.
export { createReadyz } from './create-readyz.js';
export {
  READYZ_REQUEST_ERRORS,
  READYZ_SETUP_ERRORS,
  ReadyzError,
  type ReadyzRequestError,
  type ReadyzRequestErrorCode,
  type ReadyzSetupErrorCode,
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
export { ALLOWED_METHODS, HEALTH_JSON_CONTENT_TYPE, JSON_CONTENT_TYPE } from './response.js';
export type {
  Readyz,
  ReadyzDetails,
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
} from './types.js';

// The Prometheus client of the analysis: one bounded range query, read as one series of samples.
export { type MatrixResult, parseMatrix, sampleValue } from './parse-matrix.js';
export {
  basicAuth,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_QUERY_TIMEOUT_MS,
  type PrometheusTarget,
  type QueryOutcome,
  queryRange,
  queryRangeUrl,
  type RangeQuery,
  type RangeQueryResult,
} from './range-query.js';

// Every error @rollgate/readyz can raise, in one place (Fastify-style): a stable code users match on, a
// message and an HTTP status. Setup mistakes are thrown once, from createReadyz(), as the one RollgateError
// class built from READYZ_ERRORS; request errors are never thrown, they become short JSON 4xx bodies. A code
// lives in exactly one of the two tables. An unknown option key is the shared ROLLGATE_ERR_UNKNOWN_OPTION.
import { errorCatalogue } from '@rollgate/core';

/** Errors thrown by `createReadyz()` for a configuration the router cannot serve (`%s` filled in order). */
export const READYZ_ERRORS = {
  ROLLGATE_ERR_READYZ_INVALID_OPTION: { message: 'invalid readyz option: %s', statusCode: 500 },
  ROLLGATE_ERR_READYZ_INVALID_PATH: { message: 'invalid route path: %s', statusCode: 500 },
  ROLLGATE_ERR_READYZ_DUPLICATE_PATH: { message: 'two routes share one path: %s', statusCode: 500 },
  ROLLGATE_ERR_READYZ_METRICS_REQUIRED: {
    message: 'the /metrics route needs `metrics` options: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING: {
    message: 'prom-client could not be loaded: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_READYZ_METRIC_CONFLICT: {
    message: 'a metric of that name is already registered by someone else: %s',
    statusCode: 500,
  },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** Code of an error thrown by `createReadyz()`. */
export type ReadyzErrorCode = keyof typeof READYZ_ERRORS;

/** Builds readyz's setup error for `code`: a `RollgateError` whose message fills the code's template. */
export const readyzError = errorCatalogue(READYZ_ERRORS);

/** Request errors: answered as `{"status":"error","code":…,"error":…}` with this HTTP status, never thrown. */
export const READYZ_REQUEST_ERRORS = {
  ROLLGATE_ERR_READYZ_BAD_PATH: { status: 400, message: 'malformed path' },
  ROLLGATE_ERR_READYZ_BAD_QUERY: { status: 400, message: 'malformed query' },
  ROLLGATE_ERR_READYZ_BAD_HEADER: { status: 400, message: 'malformed header' },
  ROLLGATE_ERR_READYZ_NOT_FOUND: { status: 404, message: 'not found' },
  ROLLGATE_ERR_READYZ_UNKNOWN_PROBE: { status: 404, message: 'unknown probe' },
  ROLLGATE_ERR_READYZ_METHOD_NOT_ALLOWED: { status: 405, message: 'method not allowed' },
  ROLLGATE_ERR_READYZ_URI_TOO_LONG: { status: 414, message: 'uri too long' },
  ROLLGATE_ERR_READYZ_HEADERS_TOO_LARGE: { status: 431, message: 'request headers too large' },
  ROLLGATE_ERR_READYZ_METRICS_UNAVAILABLE: { status: 503, message: 'metrics unavailable' },
  ROLLGATE_ERR_READYZ_UNAUTHORIZED: { status: 401, message: 'a valid bearer token is required' },
  ROLLGATE_ERR_READYZ_FORBIDDEN: { status: 403, message: 'the admin route answers loopback peers only' },
  ROLLGATE_ERR_READYZ_BAD_DRILL: { status: 400, message: 'invalid drill' },
  ROLLGATE_ERR_READYZ_CLOSED: { status: 503, message: 'the health is closed' },
} as const;

/** Code of a request error. */
export type ReadyzRequestErrorCode = keyof typeof READYZ_REQUEST_ERRORS;

/** A request refused before any probe runs: error as data. */
export interface ReadyzRequestError {
  /** Stable code. */
  code: ReadyzRequestErrorCode;
  /** HTTP status to answer with. */
  status: number;
  /** Short, fixed explanation (never echoes request input). */
  message: string;
}

/** Builds a request error; `detail` must be fixed text, never request input. */
export function requestError(code: ReadyzRequestErrorCode, detail?: string): ReadyzRequestError {
  const entry = READYZ_REQUEST_ERRORS[code];
  return { code, status: entry.status, message: detail ? `${entry.message}: ${detail}` : entry.message };
}

// Every error @rollgate/readyz can raise, in one place (Fastify-style): a stable code users match on,
// a message, and for request errors the HTTP status. Setup mistakes throw a ReadyzError from
// createReadyz(); request errors never throw, they become short JSON 4xx bodies.

/** Errors thrown by `createReadyz()` for a configuration the router cannot serve. */
export const READYZ_SETUP_ERRORS = {
  ROLLGATE_ERR_READYZ_INVALID_OPTION: 'invalid readyz option',
  ROLLGATE_ERR_READYZ_INVALID_PATH: 'invalid route path',
  ROLLGATE_ERR_READYZ_DUPLICATE_PATH: 'two routes share one path',
  ROLLGATE_ERR_READYZ_METRICS_REQUIRED: 'the /metrics route needs `metrics` options',
  ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING: 'prom-client could not be loaded',
  ROLLGATE_ERR_READYZ_METRIC_CONFLICT: 'a metric of that name is already registered by someone else',
} as const;

/** Code of an error thrown by `createReadyz()`. */
export type ReadyzSetupErrorCode = keyof typeof READYZ_SETUP_ERRORS;

/** A configuration error, thrown once at setup; match on `code`, not on the message. */
export class ReadyzError extends Error {
  /** Stable code, e.g. `ROLLGATE_ERR_READYZ_DUPLICATE_PATH`. */
  readonly code: ReadyzSetupErrorCode;

  constructor(code: ReadyzSetupErrorCode, detail: string) {
    super(`${READYZ_SETUP_ERRORS[code]}: ${detail}`);
    this.name = 'ReadyzError';
    this.code = code;
  }
}

/** Request errors: answered as `{"status":"error","code":…,"error":…}` with this HTTP status. */
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

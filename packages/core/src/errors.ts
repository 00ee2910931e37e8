// One catalogue of every error @rollgate/core can throw, Fastify-style: stable code, message, and
// the HTTP status a host should map it to. Evaluators return problems as data and never throw.
// Users match on `code`, never on message text. Append new codes here; never reuse or rename one.

/** Every error @rollgate/core throws: a message template (`%s` filled in order) and an HTTP status. */
export const ROLLGATE_ERRORS = {
  ROLLGATE_ERR_EMPTY_PROBE_NAME: {
    message: 'a probe name must not be empty',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_NAME: {
    message: 'probe name %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_DUPLICATE_PROBE: {
    message: 'a probe named %s is already registered',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE: {
    message: 'probe %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_GROUP: {
    message: 'probe %s names unknown group %s (expected startup, liveness or readiness)',
    statusCode: 500,
  },
  ROLLGATE_ERR_PROBE_TIMEOUT_CAP: {
    message: '%s of %sms is above the %sms cap (a longer probe keeps Kubernetes from evicting a stuck pod)',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_TIMEOUT: {
    message: '%s must be a positive finite number of milliseconds, got %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_OPTION: {
    message: 'option %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_ARGUMENT: {
    message: 'argument %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_HEALTH_CLOSED: {
    message: 'cannot %s: the health is closed',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_PROBE_OPERATION: {
    message: 'probe %s has an invalid operation %s: %s',
    statusCode: 500,
  },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** A stable error code of @rollgate/core. */
export type RollgateErrorCode = keyof typeof ROLLGATE_ERRORS;

/** An error thrown by @rollgate/core; match on `code`. */
export class RollgateError extends Error {
  /** Stable code, e.g. `ROLLGATE_ERR_DUPLICATE_PROBE`. */
  readonly code: RollgateErrorCode;
  /** HTTP status a host should answer with if this error reaches a request. */
  readonly statusCode: number;

  constructor(code: RollgateErrorCode, message: string, statusCode: number) {
    super(message);
    this.name = 'RollgateError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** Builds the catalogue's error for `code`, filling each `%s` of its template with the next argument. */
export function rollgateError(code: RollgateErrorCode, ...args: readonly (string | number)[]): RollgateError {
  const entry = ROLLGATE_ERRORS[code];
  let index = 0;
  const message = entry.message.replace(/%s/g, () => {
    const value = args[index++];
    return value === undefined ? '%s' : String(value);
  });
  return new RollgateError(code, message, entry.statusCode);
}

/** True when `error` is a `RollgateError` (optionally with the given code), across package copies too. */
export function isRollgateError(error: unknown, code?: RollgateErrorCode): error is RollgateError {
  if (error instanceof RollgateError) return code === undefined || error.code === code;
  // A second copy of the package (CJS next to ESM) has its own class; the code is the contract.
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (candidate.name !== 'RollgateError' || typeof candidate.code !== 'string') return false;
  return code === undefined ? candidate.code in ROLLGATE_ERRORS : candidate.code === code;
}

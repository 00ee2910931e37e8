// Every error @rollgate/adapters can throw, in one place (Fastify-style): a stable code, a message
// template and the HTTP status a host should map it to. Only configuration mistakes throw; a failing
// dependency is a failed probe (data), never an exception out of the SDK.

/** Every error @rollgate/adapters throws: a message template (`%s` filled in order) and an HTTP status. */
export const ADAPTER_ERRORS = {
  ROLLGATE_ERR_INVALID_PROBE_OPTION: {
    message: '%s: option %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_ADAPTER_OPTION: {
    message: '%s: option %s is invalid: %s',
    statusCode: 500,
  },
  ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION: {
    message: 'installShutdown: option %s is invalid: %s',
    statusCode: 500,
  },
} as const satisfies Record<string, { message: string; statusCode: number }>;

/** A stable error code of @rollgate/adapters. */
export type AdapterErrorCode = keyof typeof ADAPTER_ERRORS;

/**
 * An error thrown by @rollgate/adapters; match on `code`. Its `name` is `RollgateError`, so
 * `isRollgateError()` from @rollgate/core recognises it too.
 */
export class AdapterError extends Error {
  /** Stable code, e.g. `ROLLGATE_ERR_INVALID_PROBE_OPTION`. */
  readonly code: AdapterErrorCode;
  /** HTTP status a host should answer with if this error reaches a request. */
  readonly statusCode: number;

  constructor(code: AdapterErrorCode, message: string, statusCode: number) {
    super(message);
    this.name = 'RollgateError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** Builds the catalogue's error for `code`, filling each `%s` of its template with the next argument. */
export function adapterError(code: AdapterErrorCode, ...args: readonly (string | number)[]): AdapterError {
  const entry = ADAPTER_ERRORS[code];
  let index = 0;
  const message = entry.message.replace(/%s/g, () => String(args[index++] ?? '%s'));
  return new AdapterError(code, message, entry.statusCode);
}

/** Short, quoted rendering of a bad value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

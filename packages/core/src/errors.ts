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

/** One catalogue entry: a message template (`%s` filled in order) and the HTTP status a host should map it to. */
export interface ErrorTemplate {
  /** Message template; each `%s` takes the next argument. */
  readonly message: string;
  /** HTTP status a host should answer with if the error reaches a request. */
  readonly statusCode: number;
}

/** An error thrown by a rollgate package; match on `code`. Every package's catalogue builds this class. */
export class RollgateError<Code extends string = RollgateErrorCode> extends Error {
  /** Stable code, e.g. `ROLLGATE_ERR_DUPLICATE_PROBE`. */
  readonly code: Code;
  /** HTTP status a host should answer with if this error reaches a request. */
  readonly statusCode: number;

  constructor(code: Code, message: string, statusCode: number) {
    super(message);
    this.name = 'RollgateError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/**
 * Returns the builder of a package's error catalogue: `build(code, ...args)` makes the code's error,
 * filling each `%s` of its template with the next argument. Each package keeps its own catalogue.
 */
export function errorCatalogue<C extends Record<string, ErrorTemplate>>(catalogue: C) {
  return (code: keyof C & string, ...args: readonly (string | number)[]): RollgateError<keyof C & string> => {
    const entry = catalogue[code] as ErrorTemplate;
    let index = 0;
    const message = entry.message.replace(/%s/g, () => {
      const value = args[index++];
      return value === undefined ? '%s' : String(value);
    });
    return new RollgateError(code, message, entry.statusCode);
  };
}

/** Builds @rollgate/core's error for `code`, filling each `%s` of its template with the next argument. */
export const rollgateError: (
  code: RollgateErrorCode,
  ...args: readonly (string | number)[]
) => RollgateError<RollgateErrorCode> = errorCatalogue(ROLLGATE_ERRORS);

/**
 * True when `error` is an error of any rollgate package (optionally with the given code), across package
 * copies too: a second copy (CJS next to ESM) has its own class, so the name and code are the contract.
 */
export function isRollgateError<Code extends string = RollgateErrorCode>(
  error: unknown,
  code?: Code,
): error is RollgateError<Code> {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (!(error instanceof RollgateError) && candidate.name !== 'RollgateError') return false;
  if (typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

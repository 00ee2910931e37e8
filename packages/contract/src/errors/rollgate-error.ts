// The one error class and catalogue pattern of every rollgate package. It lives in the contract, the package every
// other one depends on, behind a zod-free subpath, so the probe path can throw it without loading a schema.
// Users match on `code`, never on message text. Each package keeps its own catalogue; a code is defined once.

/** One catalogue entry: a message template (`%s` filled in order) and the HTTP status a host should map it to. */
export interface ErrorTemplate {
  /** Message template; each `%s` takes the next argument. */
  readonly message: string;
  /** HTTP status a host should answer with if the error reaches a request. */
  readonly statusCode: number;
}

/** An error thrown by a rollgate package at setup time; match on `code` (`ROLLGATE_ERR_*`). */
export class RollgateError<Code extends string = string> extends Error {
  /** Stable code, e.g. `ROLLGATE_ERR_DUPLICATE_PROBE`. */
  readonly code: Code;
  /** HTTP status a host should answer with if this error reaches a request. */
  readonly statusCode: number;

  constructor(code: Code, message: string, statusCode = 500) {
    super(message);
    this.name = 'RollgateError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** Builds one error of a catalogue: `build(code, ...args)` fills each `%s` of the code's template in order. */
export type ErrorBuilder<Code extends string> = (
  code: Code,
  ...args: readonly (string | number)[]
) => RollgateError<Code>;

/** Fills each `%s` of `template` with the next argument; a missing argument leaves `%s` visible. */
export function formatTemplate(template: string, args: readonly (string | number)[]): string {
  let index = 0;
  return template.replace(/%s/g, () => {
    const value = args[index++];
    return value === undefined ? '%s' : String(value);
  });
}

/** Returns the builder of a package's error catalogue (Fastify's `createError` pattern, one class for all). */
export function errorCatalogue<C extends Record<string, ErrorTemplate>>(
  catalogue: C,
): ErrorBuilder<keyof C & string> {
  return (code, ...args) => {
    const entry = catalogue[code] as ErrorTemplate;
    return new RollgateError(code, formatTemplate(entry.message, args), entry.statusCode);
  };
}

/**
 * True when `error` is an error of any rollgate package (optionally with the given code), across package
 * copies too: a second copy (CJS next to ESM) has its own class, so the name and code are the contract.
 */
export function isRollgateError<Code extends string = string>(
  error: unknown,
  code?: Code,
): error is RollgateError<Code> {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  const named =
    error instanceof RollgateError ||
    candidate.name === 'RollgateError' ||
    candidate.name === 'ContractError';
  if (!named || typeof candidate.code !== 'string' || !candidate.code.startsWith('ROLLGATE_ERR_'))
    return false;
  return code === undefined || candidate.code === code;
}

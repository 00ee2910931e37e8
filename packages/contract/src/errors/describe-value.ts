// How a value, or a thrown one, appears in an error, issue or reason message, in every package: short and never a
// dump of the input (a 10 MB string or a secret-bearing object must not reach a log through a message).

const MAX_STRING_CHARS = 80;

/**
 * A value as a message shows it: a string quoted (JSON escapes, cut at 80 characters), a number, boolean, bigint,
 * `null` or `undefined` as written, anything else by its kind (`an array`, `a Date`, `a function`, `an object`).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_STRING_CHARS ? `${value.slice(0, MAX_STRING_CHARS)}…` : value);
  }
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`; // function, symbol
}

/** The message of a thrown value: an Error's `message`, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The message of a thrown value with its cause's reason: undici's fetch rejects with `fetch failed` and keeps why
 * (`connect ECONNREFUSED 127.0.0.1:9`, `bad port`, a TLS error) in `cause`; a cause's message is preferred, its
 * `code` taken when it has no message.
 */
export function errorMessageWithCause(error: unknown): string {
  const text = errorMessage(error);
  const cause = (error as { cause?: unknown } | null | undefined)?.cause;
  if (cause === null || typeof cause !== 'object') return text;
  const { message, code } = cause as { message?: unknown; code?: unknown };
  const reason =
    typeof message === 'string' && message !== '' ? message : typeof code === 'string' ? code : '';
  return reason === '' ? text : `${text}: ${reason}`;
}

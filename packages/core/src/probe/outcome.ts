// What a probe's resolve value or rejection reason means. Pure; never throws, whatever it is given
// (throwing getters, revoked proxies, circular objects): a probe can hand back anything at all.

/** A probe run's outcome before redaction. */
export type RawOutcome = { ok: true } | { ok: false; error: string };

/** `status` strings that mean failure when a probe resolves to `{ status }`. */
const FAILING_STATUSES = new Set(['fail', 'failed', 'failure', 'down', 'error', 'unhealthy', 'critical']);

/**
 * Reads a probe's resolve value. Resolving means healthy, except for values that plainly say
 * otherwise, which are failures rather than silently green:
 * - `false`;
 * - an `Error` (resolved instead of thrown);
 * - an object with `ok: false`, `healthy: false`, or `status` of fail/failed/failure/down/error/unhealthy/critical
 *   (its `error` or `message` field becomes the reason);
 * - a value that cannot be read (a getter throws, a revoked proxy).
 * Anything else (`undefined`, `true`, `'PONG'`, a query result) is healthy.
 */
export function interpretValue(value: unknown): RawOutcome {
  if (value === false) return { ok: false, error: 'probe returned false' };
  if (typeof value !== 'object' || value === null) return { ok: true };
  try {
    if (value instanceof Error) return { ok: false, error: describeRejection(value) };
    const record = value as { ok?: unknown; healthy?: unknown; status?: unknown };
    const status = typeof record.status === 'string' ? record.status.toLowerCase() : undefined;
    let verdict: string | undefined;
    if (record.ok === false) verdict = 'probe returned ok: false';
    else if (record.healthy === false) verdict = 'probe returned healthy: false';
    else if (status !== undefined && FAILING_STATUSES.has(status))
      verdict = `probe returned status "${status}"`;
    if (verdict === undefined) return { ok: true };
    return { ok: false, error: reasonField(value) ?? verdict };
  } catch {
    return { ok: false, error: 'probe returned an unreadable value' };
  }
}

// The `error` or `message` a failure object carries, described like a rejection.
function reasonField(value: object): string | undefined {
  const { error, message } = value as { error?: unknown; message?: unknown };
  if (error !== undefined && error !== null && error !== '') return describeRejection(error);
  if (typeof message === 'string' && message !== '') return message;
  return undefined;
}

/** Turns anything a probe threw or rejected with into one line of text (not yet redacted). */
export function describeRejection(reason: unknown): string {
  try {
    return describe(reason, 0);
  } catch {
    return 'probe rejected with an unreadable value';
  }
}

function describe(reason: unknown, depth: number): string {
  if (typeof reason === 'string') return reason === '' ? 'probe rejected with an empty string' : reason;
  if (reason === null || reason === undefined) return `probe rejected with ${String(reason)}`;
  if (typeof reason !== 'object' && typeof reason !== 'function')
    return `probe rejected with ${String(reason)}`;
  const error = reason as { message?: unknown; name?: unknown; code?: unknown; errors?: unknown };
  const message = typeof error.message === 'string' ? error.message : '';
  if (message !== '') return message;
  // Node's happy-eyeballs connect rejects with an AggregateError whose own message is empty.
  if (Array.isArray(error.errors) && error.errors.length > 0 && depth < 2) {
    return error.errors
      .slice(0, 5)
      .map((inner) => describe(inner, depth + 1))
      .join('; ');
  }
  if (typeof error.code === 'string' && error.code !== '') return error.code;
  if (reason instanceof Error)
    return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
  return `probe rejected with ${stringify(reason)}`;
}

function stringify(value: object): string {
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json.length > 1024 ? `${json.slice(0, 1024)}…` : json;
  } catch {
    // Circular or hostile: fall through to the tag.
  }
  return Object.prototype.toString.call(value);
}

/**
 * The text of a probe failed at its timeout (DESIGN.md: `timeout after <n>ms`), prefixed with the
 * probe's operation when it has one (`PING timeout after 300ms`).
 */
export function timeoutMessage(timeoutMs: number, operation?: string): string {
  const text = `timeout after ${timeoutMs}ms`;
  return operation === undefined ? text : `${operation} ${text}`;
}

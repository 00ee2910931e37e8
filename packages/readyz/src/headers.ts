import { type ReadyzRequestError, requestError } from './errors.js';
import { hasControlChars } from './limits.js';
import type { ReadyzHeaders, ReadyzLimits } from './types.js';

/** The request headers readyz reads, after bounds checks. */
export interface ReadHeaders {
  /** The `Accept` header, lower-cased; empty when absent. */
  accept: string;
}

/** Headers read within bounds, or the 4xx to answer. */
export type HeadersResult = { ok: true; headers: ReadHeaders } | { ok: false; error: ReadyzRequestError };

const tooLarge = () => requestError('ROLLGATE_ERR_READYZ_HEADERS_TOO_LARGE');

// Running totals over every header value read so far.
interface Tally {
  count: number;
  bytes: number;
  accept: string;
}

/** True when `text` holds a C0 control character other than a horizontal tab (legal in a field value), or DEL. */
function hasControlCharsBesidesTab(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** Counts one header value against the bounds; the 4xx to answer, if any. Other types are ignored. */
function readValue(
  name: string,
  item: unknown,
  limits: ReadyzLimits,
  tally: Tally,
): ReadyzRequestError | undefined {
  if (typeof item !== 'string' && typeof item !== 'number') return undefined;
  const value = String(item);
  tally.count += 1;
  tally.bytes += name.length + value.length + 4; // `name: value\r\n`
  if (tally.count > limits.maxHeaderCount || tally.bytes > limits.maxHeaderBytes) return tooLarge();
  if (hasControlChars(name) || hasControlCharsBesidesTab(value)) {
    return requestError('ROLLGATE_ERR_READYZ_BAD_HEADER', 'control character');
  }
  if (name.toLowerCase() === 'accept') {
    const lower = value.toLowerCase();
    tally.accept = tally.accept ? `${tally.accept}, ${lower}` : lower;
  }
  return undefined;
}

/** Counts one header (a value, or node:http's array of values). */
function readHeader(
  name: string,
  raw: unknown,
  limits: ReadyzLimits,
  tally: Tally,
): ReadyzRequestError | undefined {
  if (!Array.isArray(raw)) return readValue(name, raw, limits, tally);
  for (const item of raw) {
    const error = readValue(name, item, limits, tally);
    if (error) return error;
  }
  return undefined;
}

/**
 * Bounds the headers (count and total size → 431, control characters → 400) and reads `Accept`.
 * Header values may be strings, arrays of strings or numbers (node:http); anything else is ignored.
 */
export function readHeaders(headers: ReadyzHeaders | undefined, limits: ReadyzLimits): HeadersResult {
  if (headers === undefined || headers === null) return { ok: true, headers: { accept: '' } };
  if (typeof headers !== 'object') {
    return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_HEADER', 'headers must be a record') };
  }
  const tally: Tally = { count: 0, bytes: 0, accept: '' };
  let error: ReadyzRequestError | undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    // forEach cannot be left early: the first error is kept and the rest skipped.
    headers.forEach((value, name) => {
      error ??= readValue(name, value, limits, tally);
    });
  } else {
    const record = headers as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      error = readHeader(name, record[name], limits, tally);
      if (error) break;
    }
  }
  return error ? { ok: false, error } : { ok: true, headers: { accept: tally.accept } };
}

/** Response formats readyz speaks. */
export type ResponseFormat = 'json' | 'health+json';

function quality(params: string[]): number {
  for (const p of params) {
    const [k, v] = p.split('=').map((x) => x.trim());
    if (k === 'q') {
      const q = Number(v);
      return Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0;
    }
  }
  return 1;
}

/**
 * Picks `application/health+json` when the client lists it with a quality above zero and at least
 * that of `application/json`; plain JSON otherwise (including for `*\/*` and no Accept at all).
 */
export function negotiateFormat(accept: string): ResponseFormat {
  if (!accept.includes('application/health+json')) return 'json';
  let healthQ = 0;
  let jsonQ = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((x) => x.trim());
    if (type === 'application/health+json') healthQ = Math.max(healthQ, quality(params));
    if (type === 'application/json') jsonQ = Math.max(jsonQ, quality(params));
  }
  return healthQ > 0 && healthQ >= jsonQ ? 'health+json' : 'json';
}

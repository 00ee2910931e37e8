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

function entries(headers: ReadyzHeaders): [string, unknown][] {
  const list: [string, unknown][] = [];
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, name) => {
      list.push([name, value]);
    });
    return list;
  }
  const record = headers as Record<string, unknown>;
  for (const name of Object.keys(record)) list.push([name, record[name]]);
  return list;
}

/**
 * Bounds the headers (count and total size → 431, control characters → 400) and reads `Accept`.
 * Header values may be strings, arrays of strings or numbers (node:http); anything else is ignored.
 */
export function readHeaders(headers: ReadyzHeaders | undefined, limits: ReadyzLimits): HeadersResult {
  let accept = '';
  if (headers === undefined || headers === null) return { ok: true, headers: { accept } };
  if (typeof headers !== 'object') {
    return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_HEADER', 'headers must be a record') };
  }
  let count = 0;
  let bytes = 0;
  for (const [name, raw] of entries(headers)) {
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    for (const item of values) {
      if (item === undefined) continue;
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      const value = String(item);
      count += 1;
      bytes += name.length + value.length + 4; // `name: value\r\n`
      if (count > limits.maxHeaderCount || bytes > limits.maxHeaderBytes)
        return { ok: false, error: tooLarge() };
      // A horizontal tab is legal inside a field value; other control characters are not.
      if (hasControlChars(name) || hasControlChars(value.replace(/\t/g, ' '))) {
        return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_HEADER', 'control character') };
      }
      if (name.toLowerCase() === 'accept')
        accept = accept ? `${accept}, ${value.toLowerCase()}` : value.toLowerCase();
    }
  }
  return { ok: true, headers: { accept } };
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

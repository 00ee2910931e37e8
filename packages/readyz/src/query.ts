import { type ReadyzRequestError, requestError } from './errors.js';
import { byteLength, exceedsBytes, hasControlChars } from './limits.js';
import type { ReadyzLimits, ReadyzQuery } from './types.js';

/** What readyz reads from a query; other parameters are ignored (within the bounds). */
export interface ReadyzParams {
  /** `?verbose` present, with any value or none. */
  verbose: boolean;
  /** Distinct probe names from every `exclude` parameter, comma lists split. */
  exclude: string[];
}

/** Parsed parameters, or the 4xx to answer. */
export type ParamsResult = { ok: true; params: ReadyzParams } | { ok: false; error: ReadyzRequestError };

/** Query pairs gathered so far and their size in UTF-8 bytes. */
interface Collected {
  pairs: [string, string][];
  bytes: number;
}

const tooMany = () => requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'too many parameters');
const tooLong = () => requestError('ROLLGATE_ERR_READYZ_URI_TOO_LONG', 'query too long');

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function fromString(raw: string, limits: ReadyzLimits, into: Collected): ReadyzRequestError | undefined {
  const text = raw.startsWith('?') ? raw.slice(1) : raw;
  if (text === '') return undefined;
  if (exceedsBytes(text, limits.maxQueryBytes - into.bytes)) return tooLong();
  into.bytes += byteLength(text);
  for (const part of text.split('&')) {
    if (part === '') continue;
    if (into.pairs.length >= limits.maxQueryParams) return tooMany();
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = decode(eq === -1 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) {
      return requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'malformed percent-encoding');
    }
    into.pairs.push([key, value]);
  }
  return undefined;
}

function addParsed(
  key: string,
  value: unknown,
  limits: ReadyzLimits,
  into: Collected,
): ReadyzRequestError | undefined {
  if (typeof value !== 'string')
    return requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'values must be strings');
  if (into.pairs.length >= limits.maxQueryParams) return tooMany();
  const room = limits.maxQueryBytes - into.bytes;
  if (key.length + value.length > room) return tooLong();
  into.bytes += byteLength(key) + byteLength(value) + 2; // as `key=value&` on the wire
  if (into.bytes > limits.maxQueryBytes + 1) return tooLong();
  into.pairs.push([key, value]);
  return undefined;
}

function fromParsed(query: unknown, limits: ReadyzLimits, into: Collected): ReadyzRequestError | undefined {
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) {
      const error = addParsed(key, value, limits, into);
      if (error) return error;
    }
    return undefined;
  }
  if (typeof query !== 'object' || query === null) {
    return requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'query must be a string, URLSearchParams or record');
  }
  const record = query as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const error = addParsed(key, item, limits, into);
      if (error) return error;
    }
  }
  return undefined;
}

function readParams(pairs: readonly [string, string][], limits: ReadyzLimits): ParamsResult {
  let verbose = false;
  const exclude = new Set<string>();
  for (const [key, value] of pairs) {
    if (key === 'verbose') verbose = true;
    if (key !== 'exclude') continue;
    for (const piece of value.split(',')) {
      const name = piece.trim();
      if (name === '') continue;
      if (hasControlChars(name)) {
        return {
          ok: false,
          error: requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'control character in exclude'),
        };
      }
      if (exceedsBytes(name, limits.maxNameBytes)) {
        return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'exclude name too long') };
      }
      exclude.add(name);
      if (exclude.size > limits.maxExclude) {
        return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_QUERY', 'too many exclude names') };
      }
    }
  }
  return { ok: true, params: { verbose, exclude: [...exclude] } };
}

/**
 * Reads `verbose` and `exclude` within `limits`: from `query` when the framework parsed it, else from
 * the query string in the path (a query in the path is still bounded). An over-long query is 414,
 * anything else malformed 400. Never throws.
 */
export function parseParams(
  pathQuery: string,
  query: ReadyzQuery | undefined,
  limits: ReadyzLimits,
): ParamsResult {
  // Kubelets and load balancers send no query at all: nothing to split, decode or bound.
  if (pathQuery === '' && (query === undefined || query === null)) {
    return { ok: true, params: { verbose: false, exclude: [] } };
  }
  const into: Collected = { pairs: [], bytes: 0 };
  let error: ReadyzRequestError | undefined;
  if (query === undefined || query === null) {
    error = fromString(pathQuery, limits, into);
  } else if (exceedsBytes(pathQuery, limits.maxQueryBytes)) {
    error = tooLong();
  } else {
    error = typeof query === 'string' ? fromString(query, limits, into) : fromParsed(query, limits, into);
  }
  return error ? { ok: false, error } : readParams(into.pairs, limits);
}

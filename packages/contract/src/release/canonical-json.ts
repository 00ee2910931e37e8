// RFC 8785 JSON Canonicalization Scheme (JCS). The RFC defines it through ECMAScript's own JSON.stringify for
// strings and numbers, so in JavaScript it is that plus keys sorted by UTF-16 code units (Array.prototype.sort's
// default order). Written here rather than taken from `canonicalize`: its 5.x needs Node 22 and its 4.x is
// ESM-only, while the contract ships CommonJS too for Node 20.
import { CONTRACT_ERRORS } from '../errors/contract-error.js';
import { errorCatalogue } from '../errors/rollgate-error.js';
import { formatPath } from '../parse/issues.js';

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const contractError = errorCatalogue(CONTRACT_ERRORS);
const notJson = (path: PropertyKey[], what: string) =>
  contractError('ROLLGATE_ERR_NOT_JSON', formatPath(path) || '(value)', what);

/**
 * The RFC 8785 canonical JSON text of a JSON value: sorted keys, no whitespace, ECMAScript number spelling.
 * A value JSON cannot hold (NaN, a bigint, a cycle) throws `ROLLGATE_ERR_NOT_JSON`.
 */
export function canonicalJson(value: unknown): string {
  const stack = new Set<object>();
  const walk = (v: unknown, path: PropertyKey[]): string => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw notJson(path, String(v));
      return JSON.stringify(v);
    }
    if (typeof v !== 'object') throw notJson(path, `a ${typeof v}`);
    if (stack.has(v)) throw notJson(path, 'a cycle');
    stack.add(v);
    let out: string;
    if (Array.isArray(v)) out = `[${v.map((x, i) => walk(x, [...path, i])).join(',')}]`;
    else {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(record[k], [...path, k])}`).join(',')}}`;
    }
    stack.delete(v);
    return out;
  };
  return walk(value, []);
}

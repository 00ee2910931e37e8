import { createHash } from 'node:crypto';

// Canonical JSON: keys sorted, undefined dropped, and every value JavaScript can hold given a
// stable spelling (non-finite numbers, bigints, cycles), so any input hashes without a throw.

const MAX_DEPTH = 64;

function canonical(value: unknown, seen: Set<object>, depth: number): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? JSON.stringify(value) : `{"$number":"${String(value)}"}`;
  if (typeof value === 'bigint') return `{"$bigint":"${value.toString()}"}`;
  if (typeof value !== 'object') return undefined;
  if (value instanceof Date)
    return Number.isFinite(value.getTime()) ? JSON.stringify(value.toISOString()) : 'null';
  if (seen.has(value)) return '"[circular]"';
  if (depth >= MAX_DEPTH) return '"[too deep]"';
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((v) => canonical(v, seen, depth + 1) ?? 'null').join(',')}]`;
  } else {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[key], seen, depth + 1);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    out = `{${parts.join(',')}}`;
  }
  seen.delete(value);
  return out;
}

/** Canonical JSON text of any value (sorted keys; never throws). */
export const canonicalJson = (value: unknown): string => canonical(value, new Set(), 0) ?? 'null';

/** A list in an order-free canonical form: its items sorted by their canonical JSON. */
export function unordered(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export const sha256Of = (value: unknown): string =>
  `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;

import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';

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

import { canonicalJson } from '../evaluator-kit/canonical-json.js';

/** A list in an order-free canonical form: its items sorted by their canonical JSON. */
export function unordered(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}



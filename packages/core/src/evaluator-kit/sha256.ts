// `sha256:` input hashes of evaluator decisions, over the one canonical JSON.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** `sha256:<hex>` of the canonical JSON of a value: the input hash every evaluator's decision carries. */
export const sha256Of = (value: unknown): string =>
  `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;

// The inputs that decide, in an order-free canonical form: reordering approvals or waivers (in
// the manifest or passed in) keeps the hash, so the same release gives the same record. The hash
// is over the inputs as given, not as read: two spellings of one policy are two records.

import { isRecord } from '@rollgate/contract/errors';
import { canonicalJson } from '../evaluator-kit/canonical-json.js';
import { sha256Of } from '../evaluator-kit/sha256.js';
import { field } from './inputs.js';

/** A list in an order-free canonical form: its items sorted by their canonical JSON. */
export function unordered(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}

/** `input_hash` of a decision: sha256 over the canonical inputs, the instant, release id and environment. */
export function hashInput(
  input: unknown,
  now: number | undefined,
  releaseId: string,
  environment: string | undefined,
): string {
  const manifest = field(input, 'manifest');
  const canonicalManifest = isRecord(manifest)
    ? { ...manifest, approvals: unordered(manifest.approvals), waivers: unordered(manifest.waivers) }
    : manifest;
  // The signature verdict joins the hash only when given, so records without one keep their hash.
  const signature = field(input, 'signature');
  return sha256Of({
    ...(signature === undefined ? {} : { signature }),
    policy: field(input, 'policy'),
    manifest: canonicalManifest,
    scorecard: field(input, 'scorecard'),
    signals: field(input, 'signals'),
    approvals: unordered(field(input, 'approvals')),
    waivers: unordered(field(input, 'waivers')),
    now: now ?? null,
    release_id: releaseId,
    environment: environment ?? null,
  });
}

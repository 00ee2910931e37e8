import type { GateContext } from './context.js';
import { type Finding, passed, reject } from './finding.js';

/**
 * The manifest's signature, as checked by the caller (the gate does no cryptography). With `require_signature`,
 * no check is SIGNATURE_MISSING; a check that failed is SIGNATURE_INVALID whether or not the policy requires one,
 * because a tampered manifest must never pass. No waiver covers either.
 */
export function checkSignature(ctx: GateContext): Finding[] {
  const policy = 'require_signature';
  const { signature } = ctx;
  if (signature === undefined) {
    if (!ctx.policy.requireSignature) return [];
    return [
      reject(
        'SIGNATURE_MISSING',
        'The policy requires a signed release manifest, and no signature was checked.',
        {
          policy,
          observed: null,
          limit: true,
        },
      ),
    ];
  }
  if (!signature.verified)
    return [
      reject(
        'SIGNATURE_INVALID',
        `The release manifest's signature does not verify${signature.reason ? ` (${signature.reason})` : ''}: it is not the manifest that was signed, or another key signed it.`,
        { policy, observed: signature.reason ?? false, limit: true },
      ),
    ];
  return [
    passed('The release manifest carries a signature that verifies over exactly this manifest.', {
      policy,
      observed: true,
      limit: true,
    }),
  ];
}

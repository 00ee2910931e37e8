import { describe, expect, it } from 'vitest';
import { codes, gate, policy, reasonFor } from './test-inputs.js';

const requiring = { ...policy, require_signature: true };

describe('the gate reads a signature check it did not make', () => {
  it('with require_signature, rejects a manifest whose signature was not checked: SIGNATURE_MISSING', () => {
    const d = gate({ policy: requiring });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toEqual(['SIGNATURE_MISSING']);
  });

  it('rejects a tampered manifest with SIGNATURE_INVALID and the reason, required or not', () => {
    for (const p of [requiring, policy]) {
      const d = gate({ policy: p, signature: { verified: false, reason: 'manifest_changed' } });
      expect(d.decision).toBe('reject');
      expect(codes(d)).toEqual(['SIGNATURE_INVALID']);
      expect(reasonFor(d, 'require_signature')[0]).toMatchObject({
        observed: 'manifest_changed',
        limit: true,
      });
    }
  });

  it('approves a verified signature with a passing reason, and asks nothing when the policy does not require one', () => {
    const signed = gate({ policy: requiring, signature: { verified: true } });
    expect(signed.decision).toBe('approve');
    expect(reasonFor(signed, 'require_signature')).toMatchObject([{ code: 'POLICY_PASSED', observed: true }]);
    expect(reasonFor(gate(), 'require_signature')).toEqual([]);
  });

  it('treats a malformed signature input as INPUT_INVALID and a damaged require_signature as required', () => {
    expect(codes(gate({ signature: { verified: 'yes' } as never }))).toContain('INPUT_INVALID');
    const damaged = gate({ policy: { ...policy, require_signature: 'yes' } as never });
    expect(codes(damaged)).toEqual(expect.arrayContaining(['POLICY_INVALID', 'SIGNATURE_MISSING']));
  });

  it('changes input_hash with the signature verdict', () => {
    expect(gate({ signature: { verified: true } }).input_hash).not.toBe(gate().input_hash);
  });
});

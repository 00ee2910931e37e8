import type { GateDecision, GatePolicy } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { base, codes, gate, manifest, policy, waiver } from './test-inputs.js';
import type { GateInput } from './types.js';

describe('input mistakes are the contract issues, each a rejecting reason', () => {
  const messages = (d: GateDecision, code: string) =>
    d.reasons.filter((r) => r.code === code).map((r) => r.message);

  it('a damaged manifest field is named by its path with what the contract expected', () => {
    const approvals = [
      ...manifest.approvals.slice(0, 2),
      { role: 'product-owner', actor: 'carol', timestamp: 'yesterday' },
    ];
    const d = gate({ manifest: { ...manifest, approvals } });
    expect(messages(d, 'MANIFEST_INVALID')).toEqual([
      expect.stringMatching(/^manifest\.approvals\[2\]\.timestamp: expected an RFC 3339 timestamp/),
    ]);
    expect(d.reasons[0]).toMatchObject({ code: 'MANIFEST_INVALID', policy: 'manifest' });
  });

  it("names follow the contract's Name: a line break inside a role is refused", () => {
    const approvals = manifest.approvals.map((a) => (a.role === 'sre' ? { ...a, role: 's\nre' } : a));
    expect(codes(gate({ manifest: { ...manifest, approvals } }))).toEqual([
      'MANIFEST_INVALID',
      'APPROVAL_MISSING',
    ]);
    const roster = { ...policy, approvals: { production: ['change-board', 's\nre'] } };
    expect(codes(gate({ policy: roster }))).toContain('POLICY_INVALID');
  });

  it('a policy of a newer 1.x schema with a policy or bound key this gate does not enforce rejects', () => {
    const newer = {
      ...policy,
      schema_version: '1.1.0',
      policies: { ...policy.policies, performance_p99_ms: { lt: 300 }, error_rate: { lt: 0.01, ne: 0.5 } },
    };
    const d = gate({ policy: newer as GatePolicy });
    expect(d.decision).toBe('reject');
    expect(messages(d, 'POLICY_INVALID')).toEqual([
      expect.stringMatching(/^policy\.policies\.error_rate\.ne: "ne" is not enforced/),
      expect.stringMatching(/^policy\.policies\.performance_p99_ms: "performance_p99_ms" is not enforced/),
    ]);
    expect(gate({ policy: { ...policy, schema_version: '1.1.0' } }).decision).toBe('approve');
  });

  it('extra approvals are read as the manifest reads its own: a damaged one is INPUT_INVALID and does not count', () => {
    const d = gate({
      manifest: { ...manifest, approvals: [manifest.approvals[0]!] },
      approvals: [manifest.approvals[1]!, { ...manifest.approvals[2]!, timestamp: 'later' }],
    });
    expect(codes(d)).toEqual(['INPUT_INVALID', 'APPROVAL_MISSING']);
    expect(d.reasons[0]).toMatchObject({ policy: 'approvals' });
    expect(d.reasons[0]?.message).toMatch(/^approvals\[1\]\.timestamp: /);
  });

  it('a waiver whose reason is only whitespace is not a waiver', () => {
    const blank = { ...waiver('performance_p95_ms', '2025-10-09T00:00:00Z'), reason: '   ' };
    const d = gate({
      signals: { ...base.signals, p95_ms: 250 },
      manifest: { ...manifest, waivers: [blank] },
    });
    expect(codes(d)).toEqual(['MANIFEST_INVALID', 'P95_ABOVE_LIMIT']);
    expect(d.reasons[0]?.message).toMatch(/^manifest\.waivers\[0\]\.reason: /);
  });

  it('inputs that are not documents name themselves', () => {
    expect(gate({ now: Number.NaN }).reasons[0]?.message).toMatch(/^now: NaN is not epoch milliseconds/);
    expect(gate({ offset: '+8' }).reasons[0]?.message).toMatch(/^offset: "\+8" is not Z or ±hh:mm/);
    expect(gate({ environment: 'Prod' }).reasons[0]).toMatchObject({
      code: 'INPUT_INVALID',
      policy: 'environment',
      message: expect.stringMatching(/^environment: expected a lowercase environment name/),
    });
  });

  it('a misspelt input, scorecard or signals key rejects, naming the key and the one it meant', () => {
    const misspelt = (patch: Record<string, unknown>) =>
      gate(patch as Partial<GateInput>)
        .reasons.filter((r) => r.code === 'INPUT_INVALID')
        .map((r) => r.message);
    expect(misspelt({ waiers: [] })).toEqual([
      'waiers: evaluateGate: unknown field "waiers"; did you mean "waivers"?',
    ]);
    expect(misspelt({ signals: { ...base.signals, p95ms: 10 } })).toEqual([
      'signals.p95ms: signals: unknown field "p95ms"; did you mean "p95_ms"?',
    ]);
    expect(misspelt({ scorecard: { ...base.scorecard, scre: 90 } })).toEqual([
      // The scorecard is read with the contract's schema, so its issue is worded as parseContract words it.
      'scorecard.scre: unknown field "scre" (not part of schema 1.0.0; check its spelling)',
    ]);
  });

  it("the scorecard is read with the contract's schema: a wrong-typed field rejects", () => {
    const d = gate({ scorecard: { passed: true, flake_rate: '0.1' } as never });
    expect(d.decision).toBe('reject');
    expect(d.reasons[0]).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/^scorecard\.flake_rate: /),
    });
  });
});

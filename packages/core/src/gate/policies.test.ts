import type { GatePolicy, ReleaseManifest, Waiver } from '@rollgate/contract';
import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import { base, codes, DAY, gate, iso, manifest, NOW, policy, reasonFor, waiver } from './test-inputs.js';

describe('the all-good release', () => {
  it('is approved with one passed reason per policy and role', () => {
    const d = gate();
    expect(d.decision).toBe('approve');
    expect(codes(d)).toEqual([]);
    expect(d.reasons.map((r) => r.policy)).toEqual([
      'readiness_passed',
      'performance_p95_ms',
      'error_rate',
      'open_critical_incidents',
      'readiness_waiver_expired',
      'approvals',
      'approvals',
      'approvals',
      'max_rehearsal_age_days',
    ]);
    expect(d).toMatchObject({
      release_id: '2025.10.02',
      environment: 'production',
      decided_at: '2025-10-02T15:00:00.000Z',
    });
    expect(d.input_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('writes decided_at in the requested offset', () => {
    expect(gate({ offset: '+08:00' }).decided_at).toBe('2025-10-02T23:00:00.000+08:00');
    expect(gate({ now: new Date(NOW) }).decided_at).toBe('2025-10-02T15:00:00.000Z');
  });
});

describe('thresholds at their boundaries (lt: 200 means 200 fails)', () => {
  it.each([
    ['performance_p95_ms', { p95_ms: 199.999 }, 'approve', null],
    ['performance_p95_ms', { p95_ms: 200 }, 'reject', 'P95_ABOVE_LIMIT'],
    ['error_rate', { error_rate: 0.00999 }, 'approve', null],
    ['error_rate', { error_rate: 0.01 }, 'reject', 'ERROR_RATE_ABOVE_LIMIT'],
    ['open_critical_incidents', { open_critical_incidents: 0 }, 'approve', null],
    ['open_critical_incidents', { open_critical_incidents: 1 }, 'reject', 'OPEN_CRITICAL_INCIDENTS'],
  ] as const)('%s with %j → %s', (policyName, signal, decision, code) => {
    const d = gate({ signals: { ...base.signals, ...signal } });
    expect(d.decision).toBe(decision);
    const [reason] = reasonFor(d, policyName);
    expect(reason?.code).toBe(code ?? 'POLICY_PASSED');
    expect(reason?.observed).toBe(Object.values(signal)[0]);
  });

  it('lte: 200 lets 200 pass', () => {
    const p = { ...policy, policies: { ...policy.policies, performance_p95_ms: { lte: 200 } } };
    expect(gate({ policy: p, signals: { ...base.signals, p95_ms: 200 } }).decision).toBe('approve');
    expect(gate({ policy: p, signals: { ...base.signals, p95_ms: 200.5 } }).decision).toBe('reject');
  });

  it('the runbook spelling "< 200" and a bare 0 behave like { lt: 200 } and { max: 0 }', () => {
    const p = {
      ...policy,
      policies: { ...policy.policies, performance_p95_ms: '< 200', open_critical_incidents: 0 },
    };
    expect(gate({ policy: p, signals: { ...base.signals, p95_ms: 200 } }).reasons[1]).toMatchObject({
      code: 'P95_ABOVE_LIMIT',
      limit: '< 200',
    });
    expect(codes(gate({ policy: p, signals: { ...base.signals, open_critical_incidents: 1 } }))).toEqual([
      'OPEN_CRITICAL_INCIDENTS',
    ]);
  });

  it('every breach message states the observed value and the limit', () => {
    const d = gate({ signals: { p95_ms: 250, error_rate: 0.02, open_critical_incidents: 2 } });
    expect(reasonFor(d, 'performance_p95_ms')[0]?.message).toBe(
      'p95 latency is 250 ms (from signals.p95_ms), outside the limit < 200 ms.',
    );
    expect(reasonFor(d, 'error_rate')[0]?.message).toContain('0.02');
    expect(reasonFor(d, 'error_rate')[0]?.message).toContain('< 0.01');
    expect(reasonFor(d, 'open_critical_incidents')[0]).toMatchObject({ observed: 2, limit: '<= 0' });
  });

  it('evaluates every policy: all breaches are reported together', () => {
    const d = gate({
      scorecard: { passed: false },
      signals: { p95_ms: 250, error_rate: 0.02, open_critical_incidents: 2 },
      manifest: { ...manifest, approvals: [] },
    });
    expect(codes(d)).toEqual([
      'READINESS_FAILED',
      'P95_ABOVE_LIMIT',
      'ERROR_RATE_ABOVE_LIMIT',
      'OPEN_CRITICAL_INCIDENTS',
      'APPROVAL_MISSING',
      'APPROVAL_MISSING',
      'APPROVAL_MISSING',
    ]);
  });
});

describe('missing signals never approve', () => {
  it('live signals win over the scorecard', () => {
    const d = gate({
      scorecard: { passed: true, performance_p95_ms: 500 },
      signals: { ...base.signals, p95_ms: 150 },
    });
    expect(reasonFor(d, 'performance_p95_ms')[0]).toMatchObject({ code: 'POLICY_PASSED', observed: 150 });
  });

  it('the scorecard supplies p95 and error rate when live signals lack them', () => {
    const d = gate({ signals: { open_critical_incidents: 0 } });
    expect(d.decision).toBe('approve');
    expect(reasonFor(d, 'performance_p95_ms')[0]?.message).toContain('scorecard.performance_p95_ms');
  });

  it.each([
    ['p95_ms', 'performance_p95_ms'],
    ['error_rate', 'error_rate'],
    ['open_critical_incidents', 'open_critical_incidents'],
  ])('no %s anywhere → SIGNAL_MISSING', (signal, policyName) => {
    const signals: Record<string, number> = { ...base.signals };
    delete signals[signal];
    const d = gate({ signals, scorecard: { passed: true } });
    expect(d.decision).toBe('reject');
    expect(reasonFor(d, policyName)[0]).toMatchObject({ code: 'SIGNAL_MISSING', observed: null });
  });

  it.each([
    ['NaN', { p95_ms: Number.NaN }],
    ['a string', { p95_ms: '120' }],
    ['negative', { p95_ms: -1 }],
    ['an error rate above 1', { error_rate: 2 }],
    ['fractional incidents', { open_critical_incidents: 0.5 }],
  ])('a signal that is %s is unusable: SIGNAL_MISSING, and no fallback to the scorecard', (_, bad) => {
    const d = gate({ signals: { ...base.signals, ...(bad as object) } });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toEqual(['SIGNAL_MISSING']);
  });

  it('no scorecard → READINESS_MISSING for readiness_passed and readiness_waiver_expired', () => {
    const { scorecard: _, ...rest } = base;
    const d = evaluateGate(rest);
    expect(codes(d)).toEqual(['READINESS_MISSING', 'READINESS_MISSING']);
  });

  it('scorecard.passed false → READINESS_FAILED', () => {
    expect(codes(gate({ scorecard: { passed: false } }))).toEqual(['READINESS_FAILED']);
  });

  it('policies set to false or left out are not enforced', () => {
    const p: GatePolicy = { policies: { readiness_passed: false } };
    const d = gate({ policy: p, scorecard: { passed: false }, signals: {} });
    expect(d.decision).toBe('approve');
    expect(d.reasons.map((r) => r.policy)).toEqual(['max_rehearsal_age_days']);
  });
});

describe('readiness waiver (readiness_waiver_expired: false)', () => {
  it.each([
    [NOW + 1, 'POLICY_PASSED', 'approve'],
    [NOW, 'WAIVER_EXPIRED', 'reject'],
    [NOW - DAY, 'WAIVER_EXPIRED', 'reject'],
  ])('a readiness waiver expiring at %d → %s', (expires, code, decision) => {
    const d = gate({ scorecard: { passed: true, waiver_expires_at: iso(expires) } });
    expect(reasonFor(d, 'readiness_waiver_expired')[0]?.code).toBe(code);
    expect(d.decision).toBe(decision);
  });
});

describe('approvals roster', () => {
  it('every missing role is named', () => {
    const d = gate({ manifest: { ...manifest, approvals: [manifest.approvals[0]!] } });
    expect(d.decision).toBe('reject');
    expect(d.reasons.filter((r) => r.code === 'APPROVAL_MISSING').map((r) => r.limit)).toEqual([
      'sre',
      'product-owner',
    ]);
  });

  it('extra approvals passed in count with the manifest ones', () => {
    const d = gate({
      manifest: { ...manifest, approvals: [manifest.approvals[0]!] },
      approvals: manifest.approvals.slice(1),
    });
    expect(d.decision).toBe('approve');
  });

  it('an approval at exactly now counts; one a millisecond later does not', () => {
    const at = (ms: number) => ({
      ...manifest,
      approvals: [
        ...manifest.approvals.slice(0, 2),
        { role: 'product-owner', actor: 'carol', timestamp: iso(ms) },
      ],
    });
    expect(gate({ manifest: at(NOW) }).decision).toBe('approve');
    const late = gate({ manifest: at(NOW + 1) });
    expect(late.decision).toBe('reject');
    expect(reasonFor(late, 'approvals')[2]).toMatchObject({
      code: 'APPROVAL_MISSING',
      limit: 'product-owner',
    });
    expect(reasonFor(late, 'approvals')[2]?.message).toContain('dated after the decision time');
  });

  it('roles match exactly', () => {
    const approvals = manifest.approvals.map((a) => (a.role === 'sre' ? { ...a, role: 'SRE' } : a));
    expect(codes(gate({ manifest: { ...manifest, approvals } }))).toEqual(['APPROVAL_MISSING']);
  });

  it('staging needs only its own roster', () => {
    const staging = {
      ...manifest,
      approvals: [{ role: 'release-engineer', actor: 'dan', timestamp: '2025-10-02T14:00:00Z' }],
      metadata: { environment: 'staging' },
    };
    expect(gate({ manifest: staging }).decision).toBe('approve');
  });
});

describe('environment', () => {
  it('an environment the roster does not know → ENVIRONMENT_UNKNOWN', () => {
    const d = gate({ manifest: { ...manifest, metadata: { environment: 'eu-west-prod' } } });
    expect(codes(d)).toEqual(['ENVIRONMENT_UNKNOWN']);
    expect(reasonFor(d, 'approvals')[0]).toMatchObject({
      observed: 'eu-west-prod',
      limit: 'production, staging',
    });
  });

  it('a requested environment other than the manifest target → ENVIRONMENT_MISMATCH', () => {
    const d = gate({ environment: 'staging' });
    expect(codes(d)).toContain('ENVIRONMENT_MISMATCH');
    expect(d.reasons[0]).toMatchObject({
      code: 'ENVIRONMENT_MISMATCH',
      observed: 'production',
      limit: 'staging',
    });
    expect(d.environment).toBe('staging');
    expect(d.decision).toBe('reject');
  });

  it('the same environment requested explicitly is fine', () => {
    expect(gate({ environment: 'production' }).decision).toBe('approve');
  });

  it('a policy without a roster checks no approvals', () => {
    const { approvals: _, ...noRoster } = policy;
    const d = gate({
      policy: noRoster,
      manifest: { ...manifest, approvals: [], metadata: { environment: 'dev' } },
    });
    expect(d.decision).toBe('approve');
  });
});

describe('rollback rehearsal', () => {
  const rehearsed = (rehearsed_at: string) => ({
    ...manifest,
    rollback_plan: { ...manifest.rollback_plan, rehearsed_at },
  });

  it.each([
    [NOW - 30 * DAY, 'POLICY_PASSED'],
    [NOW - 30 * DAY - 1, 'REHEARSAL_STALE'],
    [NOW, 'POLICY_PASSED'],
    [NOW + 1, 'REHEARSAL_MISSING'],
  ])('rehearsed at %d → %s (no older than 30 days)', (at, code) => {
    expect(reasonFor(gate({ manifest: rehearsed(iso(at)) }), 'max_rehearsal_age_days')[0]?.code).toBe(code);
  });

  it('uses max_rehearsal_age_days, default 30', () => {
    const strict = { ...policy, max_rehearsal_age_days: 7 };
    expect(codes(gate({ policy: strict }))).toEqual(['REHEARSAL_STALE']);
    const { max_rehearsal_age_days: _, ...defaulted } = policy;
    expect(codes(gate({ policy: defaulted, manifest: rehearsed(iso(NOW - 31 * DAY)) }))).toEqual([
      'REHEARSAL_STALE',
    ]);
    expect(codes(gate({ policy: defaulted, manifest: rehearsed(iso(NOW - 29 * DAY)) }))).toEqual([]);
  });

  it('a missing rehearsal → REHEARSAL_MISSING', () => {
    const { rollback_plan: _, ...noPlan } = manifest;
    const d = evaluateGate({ ...base, manifest: noPlan as ReleaseManifest });
    expect(reasonFor(d, 'max_rehearsal_age_days')[0]).toMatchObject({
      code: 'REHEARSAL_MISSING',
      observed: null,
      limit: 30,
    });
  });
});

describe('waivers', () => {
  const breachP95 = { signals: { ...base.signals, p95_ms: 250 } };
  const withWaivers = (...waivers: Waiver[]) => ({ ...manifest, waivers });

  it('a breach covered by an unexpired waiver listed in the manifest → waiver_required', () => {
    const d = gate({
      ...breachP95,
      manifest: withWaivers(waiver('performance_p95_ms', '2025-10-09T00:00:00Z')),
    });
    expect(d.decision).toBe('waiver_required');
    expect(reasonFor(d, 'performance_p95_ms')).toEqual([
      {
        code: 'WAIVER_APPLIED',
        message: expect.stringContaining('Covered by waiver w-performance_p95_ms until 2025-10-09T00:00:00Z'),
        policy: 'performance_p95_ms',
        observed: 250,
        limit: '< 200',
        waiver_id: 'w-performance_p95_ms',
      },
    ]);
  });

  it('a waiver expiring exactly now is expired: WAIVER_EXPIRED and reject', () => {
    const d = gate({ ...breachP95, manifest: withWaivers(waiver('performance_p95_ms', iso(NOW))) });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toEqual(['P95_ABOVE_LIMIT', 'WAIVER_EXPIRED']);
    expect(d.reasons.find((r) => r.code === 'WAIVER_EXPIRED')).toMatchObject({
      waiver_id: 'w-performance_p95_ms',
    });
  });

  it('reject wins over waiver_required', () => {
    const d = gate({
      signals: { ...base.signals, p95_ms: 250, error_rate: 0.5 },
      manifest: withWaivers(waiver('performance_p95_ms', '2025-10-09T00:00:00Z')),
    });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toEqual(['WAIVER_APPLIED', 'ERROR_RATE_ABOVE_LIMIT']);
  });

  it('allow_waivers: false → WAIVERS_DISALLOWED and the breach rejects', () => {
    const d = gate({
      ...breachP95,
      policy: { ...policy, allow_waivers: false },
      manifest: withWaivers(waiver('performance_p95_ms', '2025-10-09T00:00:00Z')),
    });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toEqual(['P95_ABOVE_LIMIT', 'WAIVERS_DISALLOWED']);
  });

  it('a waiver for another policy does not cover the breach', () => {
    const d = gate({ ...breachP95, manifest: withWaivers(waiver('error_rate', '2025-10-09T00:00:00Z')) });
    expect(codes(d)).toEqual(['P95_ABOVE_LIMIT']);
  });

  it('an unexpired waiver wins over an expired one for the same policy', () => {
    const manifestWith = withWaivers(
      waiver('performance_p95_ms', '2025-10-01T00:00:00Z', 'old'),
      waiver('performance_p95_ms', '2025-10-05T00:00:00Z', 'new'),
    );
    expect(gate({ ...breachP95, manifest: manifestWith }).reasons[1]).toMatchObject({
      code: 'WAIVER_APPLIED',
      waiver_id: 'new',
    });
  });

  it('waivers cover readiness failures, open incidents and stale rehearsals too', () => {
    const d = gate({
      scorecard: { passed: false },
      signals: { ...base.signals, open_critical_incidents: 1 },
      manifest: {
        ...withWaivers(
          waiver('readiness_passed', '2025-10-09T00:00:00Z'),
          waiver('open_critical_incidents', '2025-10-09T00:00:00Z'),
          waiver('max_rehearsal_age_days', '2025-10-09T00:00:00Z'),
        ),
        rollback_plan: { ...manifest.rollback_plan, rehearsed_at: '2025-08-01T00:00:00Z' },
      },
    });
    expect(d.decision).toBe('waiver_required');
    expect(codes(d)).toEqual(['WAIVER_APPLIED', 'WAIVER_APPLIED', 'WAIVER_APPLIED']);
  });

  it('a waiver passed in but not listed in the manifest does not apply, and says so', () => {
    const d = gate({
      ...breachP95,
      waivers: [waiver('performance_p95_ms', '2025-10-09T00:00:00Z', 'registry-only')],
    });
    expect(d.decision).toBe('reject');
    expect(d.reasons[1]?.message).toContain(
      'registry-only was passed in but is not listed in the release manifest',
    );
  });

  it('a registry copy of a listed waiver can shorten its life, never extend it', () => {
    const listed = withWaivers(waiver('performance_p95_ms', '2025-10-09T00:00:00Z', 'w-1'));
    const revoked = gate({
      ...breachP95,
      manifest: listed,
      waivers: [waiver('performance_p95_ms', '2025-10-02T12:00:00Z', 'w-1')],
    });
    expect(codes(revoked)).toEqual(['P95_ABOVE_LIMIT', 'WAIVER_EXPIRED']);
    const extended = gate({
      ...breachP95,
      manifest: listed,
      waivers: [waiver('performance_p95_ms', '2026-01-01T00:00:00Z', 'w-1')],
    });
    expect(extended.reasons[1]?.message).toContain('until 2025-10-09T00:00:00Z');
  });

  it('missing data is never waived', () => {
    const d = gate({
      signals: { error_rate: 0, open_critical_incidents: 0 },
      scorecard: { passed: true },
      manifest: withWaivers(waiver('performance_p95_ms', '2025-10-09T00:00:00Z')),
    });
    expect(codes(d)).toEqual(['SIGNAL_MISSING']);
  });
});

describe('damaged input rejects with a reason, never a throw', () => {
  it.each([
    [
      'an unknown policy',
      { ...policy, policies: { ...policy.policies, performance_p99_ms: { lt: 300 } } },
      'POLICY_INVALID',
    ],
    [
      'an unreadable bound',
      { ...policy, policies: { ...policy.policies, error_rate: 'low' } },
      'POLICY_INVALID',
    ],
    ['a bad roster', { ...policy, approvals: { production: 'everyone' } }, 'POLICY_INVALID'],
    ['a bad rehearsal age', { ...policy, max_rehearsal_age_days: -1 }, 'POLICY_INVALID'],
    ['no policies at all', {}, 'POLICY_INVALID'],
  ])('a policy with %s → %s', (_, bad, code) => {
    const d = evaluateGate({ ...base, policy: bad as GatePolicy });
    expect(d.decision).toBe('reject');
    expect(codes(d)).toContain(code);
    expect(parseContract('gate-decision', d).ok).toBe(true);
  });

  it('a damaged approval entry → MANIFEST_INVALID and it does not count', () => {
    const approvals = [
      ...manifest.approvals.slice(0, 2),
      { role: 'product-owner', actor: 'carol', timestamp: 'yesterday' },
    ];
    const d = gate({ manifest: { ...manifest, approvals } });
    expect(codes(d)).toEqual(['MANIFEST_INVALID', 'APPROVAL_MISSING']);
  });

  it('an invalid now rejects and dates the record at the epoch', () => {
    const d = gate({ now: Number.NaN });
    expect(d.decision).toBe('reject');
    expect(d.reasons[0]?.code).toBe('INPUT_INVALID');
    expect(d.decided_at).toBe('1970-01-01T00:00:00.000Z');
  });

  it('an invalid offset rejects and writes Z', () => {
    const d = gate({ offset: '+8' });
    expect(d.decided_at).toBe('2025-10-02T15:00:00.000Z');
    expect(codes(d)).toEqual(['INPUT_INVALID']);
  });

  it('a manifest without a usable release name gets the placeholder id unless releaseId is given', () => {
    expect(gate({ manifest: { ...manifest, release: ' ' } }).release_id).toBe('unknown-release');
    expect(gate({ manifest: { ...manifest, release: ' ' }, releaseId: 'rel-1' }).release_id).toBe('rel-1');
  });

  it('a host object that throws on access still gets a decision record', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    const d = evaluateGate({ ...base, manifest: hostile as ReleaseManifest });
    expect(d).toMatchObject({ decision: 'reject', reasons: [{ code: 'INPUT_INVALID' }] });
    expect(parseContract('gate-decision', d).ok).toBe(true);
  });
});

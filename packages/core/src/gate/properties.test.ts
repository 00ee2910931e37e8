import {
  type Approval,
  type GateDecision,
  type GatePolicy,
  parseContract,
  type ReleaseManifest,
  type Waiver,
} from '@rollgate/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import type { GateInput } from './types.js';

// A fixed seed keeps the suite deterministic; change it locally to explore new cases.
fc.configureGlobal({ seed: 4_2025_10_02 });

const NOW = Date.parse('2025-10-02T15:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const RANK: Record<GateDecision['decision'], number> = { approve: 0, waiver_required: 1, reject: 2 };
const ROLES = ['change-board', 'sre', 'product-owner', 'release-engineer', 'intern'];

const policy: GatePolicy = {
  policies: {
    readiness_passed: true,
    performance_p95_ms: { lt: 200 },
    error_rate: '< 0.01',
    open_critical_incidents: 0,
    readiness_waiver_expired: false,
  },
  approvals: { production: ['change-board', 'sre', 'product-owner'], staging: ['release-engineer'] },
  max_rehearsal_age_days: 30,
};

const approvalArb: fc.Arbitrary<Approval> = fc.record({
  role: fc.constantFrom(...ROLES),
  actor: fc.constantFrom('alice', 'bob', 'carol', 'dan'),
  timestamp: fc.integer({ min: -3 * 3_600_000, max: 3_600_000 }).map((d) => iso(NOW + d)),
});

const waiverArb: fc.Arbitrary<Waiver> = fc.record({
  id: fc.constantFrom('w-1', 'w-2', 'w-3'),
  policy: fc.constantFrom(
    'readiness_passed',
    'performance_p95_ms',
    'error_rate',
    'open_critical_incidents',
    'max_rehearsal_age_days',
  ),
  reason: fc.constant('accepted risk'),
  approved_by: fc.constant('change-board'),
  expires_at: fc.integer({ min: -86_400_000, max: 7 * 86_400_000 }).map((d) => iso(NOW + d)),
});

const signalsArb = fc.record({
  p95_ms: fc.double({ min: 0, max: 400, noNaN: true }),
  error_rate: fc.double({ min: 0, max: 0.05, noNaN: true }),
  open_critical_incidents: fc.integer({ min: 0, max: 3 }),
});

const inputArb = fc.record({
  signals: signalsArb,
  passed: fc.boolean(),
  approvals: fc.array(approvalArb, { maxLength: 6 }),
  extra: fc.array(approvalArb, { maxLength: 3 }),
  waivers: fc.array(waiverArb, { maxLength: 3 }),
  environment: fc.constantFrom('production', 'staging'),
  rehearsalAgeDays: fc.double({ min: 0, max: 45, noNaN: true }),
  allowWaivers: fc.boolean(),
});
type Case = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(c: Case): GateInput {
  const manifest: ReleaseManifest = {
    release: '2025.10.02',
    generated_at: '2025-10-02T12:00:00Z',
    artifacts: [{ name: 'service-api', version: '1.4.0', hash: `sha256:${'b'.repeat(64)}` }],
    scorecard_path: 'run.json',
    readiness_run_id: 'run123',
    feature_flags: [],
    secrets: [],
    migrations: [],
    approvals: c.approvals,
    rollback_plan: {
      trigger: 't',
      steps: ['revert'],
      rehearsed_at: iso(NOW - c.rehearsalAgeDays * 86_400_000),
    },
    waivers: c.waivers,
    metadata: { environment: c.environment },
  };
  return {
    policy: { ...policy, allow_waivers: c.allowWaivers },
    manifest,
    scorecard: { passed: c.passed },
    signals: c.signals,
    approvals: c.extra,
    now: NOW,
  };
}

const rank = (input: GateInput) => RANK[evaluateGate(input).decision];

describe('gate properties', () => {
  it('worse signals never give a better decision', () => {
    const worsen = fc.record({
      p95: fc.double({ min: 0, max: 200, noNaN: true }),
      errors: fc.double({ min: 0, max: 0.05, noNaN: true }),
      incidents: fc.integer({ min: 0, max: 2 }),
      failReadiness: fc.boolean(),
      olderDays: fc.double({ min: 0, max: 20, noNaN: true }),
    });
    fc.assert(
      fc.property(inputArb, worsen, (c, w) => {
        const worse: Case = {
          ...c,
          passed: c.passed && !w.failReadiness,
          rehearsalAgeDays: c.rehearsalAgeDays + w.olderDays,
          signals: {
            p95_ms: c.signals.p95_ms + w.p95,
            error_rate: Math.min(1, c.signals.error_rate + w.errors),
            open_critical_incidents: c.signals.open_critical_incidents + w.incidents,
          },
        };
        expect(rank(toInput(worse))).toBeGreaterThanOrEqual(rank(toInput(c)));
      }),
      { numRuns: 400 },
    );
  });

  it('adding an approval never makes the decision worse', () => {
    fc.assert(
      fc.property(inputArb, approvalArb, fc.boolean(), (c, approval, inManifest) => {
        const more = inManifest
          ? { ...c, approvals: [...c.approvals, approval] }
          : { ...c, extra: [...c.extra, approval] };
        expect(rank(toInput(more))).toBeLessThanOrEqual(rank(toInput(c)));
      }),
      { numRuns: 400 },
    );
  });

  it('the decision on a complete roster, good signals and fresh rehearsal is approve', () => {
    fc.assert(
      fc.property(inputArb, (c) => {
        const good: Case = {
          ...c,
          passed: true,
          environment: 'production',
          rehearsalAgeDays: Math.min(c.rehearsalAgeDays, 30),
          signals: {
            p95_ms: Math.min(c.signals.p95_ms, 199),
            error_rate: Math.min(c.signals.error_rate, 0.0099),
            open_critical_incidents: 0,
          },
          extra: ['change-board', 'sre', 'product-owner'].map((role) => ({
            role,
            actor: 'eve',
            timestamp: iso(NOW),
          })),
        };
        expect(evaluateGate(toInput(good)).decision).toBe('approve');
      }),
      { numRuns: 200 },
    );
  });

  it('is idempotent: the same input always gives the same record', () => {
    fc.assert(
      fc.property(inputArb, (c) => {
        const input = toInput(c);
        const first = evaluateGate(input);
        expect(evaluateGate(input)).toEqual(first);
        expect(evaluateGate(structuredClone(input))).toEqual(first);
        expect(evaluateGate({ ...input, now: new Date(NOW) })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('the order of approvals and waivers does not matter, input hash included', () => {
    const permuted = inputArb.chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.shuffledSubarray(c.approvals, { minLength: c.approvals.length }),
        fc.shuffledSubarray(c.extra, { minLength: c.extra.length }),
        fc.shuffledSubarray(c.waivers, { minLength: c.waivers.length }),
      ),
    );
    fc.assert(
      fc.property(permuted, ([c, approvals, extra, waivers]) => {
        expect(evaluateGate(toInput({ ...c, approvals, extra, waivers }))).toEqual(evaluateGate(toInput(c)));
      }),
      { numRuns: 300 },
    );
  });

  it('garbage in any field gives a valid decision with reasons, never a throw', () => {
    const fields = [
      'policy',
      'manifest',
      'scorecard',
      'signals',
      'approvals',
      'waivers',
      'now',
      'releaseId',
      'environment',
      'offset',
    ];
    fc.assert(
      fc.property(
        inputArb,
        fc.constantFrom(...fields),
        fc.anything({ withDate: true, withMap: true, withNullPrototype: true }),
        (c, key, junk) => {
          const decision = evaluateGate({ ...toInput(c), [key]: junk } as GateInput);
          const parsed = parseContract('gate-decision', decision);
          expect(parsed.ok ? [] : parsed.issues).toEqual([]);
          expect(decision.reasons.length).toBeGreaterThan(0);
          if (key === 'policy' || key === 'manifest') {
            // Whatever the junk, an unreadable policy or manifest cannot approve.
            const readable = typeof junk === 'object' && junk !== null;
            if (!readable) expect(decision.decision).toBe('reject');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a wholly garbage input is rejected with reasons', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const decision = evaluateGate(junk as GateInput);
        expect(parseContract('gate-decision', decision).ok).toBe(true);
        expect(decision.decision).toBe('reject');
        expect(decision.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

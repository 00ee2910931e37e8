// The release, policy and input the gate tests share (not exported from the package): the runbook
// release at 2025-10-02T15:00:00Z, every policy met.
import {
  type GateDecision,
  type GatePolicy,
  parseContract,
  type ReleaseManifest,
  type Waiver,
} from '@rollgate/contract';
import { expect } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import type { GateInput } from './types.js';

/** The decision instant: 2025-10-02T15:00:00Z. */
export const NOW = Date.parse('2025-10-02T15:00:00Z');
/** Milliseconds in a day. */
export const DAY = 86_400_000;
/** RFC 3339 text of an instant. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** The DESIGN.md policy. */
export const policy: GatePolicy = {
  policies: {
    readiness_passed: true,
    performance_p95_ms: { lt: 200 },
    error_rate: { lt: 0.01 },
    open_critical_incidents: { max: 0 },
    readiness_waiver_expired: false,
  },
  approvals: { production: ['change-board', 'sre', 'product-owner'], staging: ['release-engineer'] },
  max_rehearsal_age_days: 30,
};

/** A production release with all three approvals and a fresh rehearsal. */
export const manifest: ReleaseManifest = {
  release: '2025.10.02',
  generated_at: '2025-10-02T12:00:00Z',
  artifacts: [{ name: 'service-api', version: '1.4.0', hash: `sha256:${'a'.repeat(64)}` }],
  scorecard_path: 'readiness_scorecards/run123.json',
  readiness_run_id: 'run123',
  feature_flags: [],
  secrets: [],
  migrations: [],
  approvals: [
    { role: 'change-board', actor: 'alice', timestamp: '2025-10-02T14:30:00Z' },
    { role: 'sre', actor: 'bob', timestamp: '2025-10-02T14:35:00Z' },
    { role: 'product-owner', actor: 'carol', timestamp: '2025-10-02T14:40:00Z' },
  ],
  rollback_plan: { trigger: 'latency_p95>400ms', steps: ['revert'], rehearsed_at: '2025-09-18T16:00:00Z' },
  metadata: { environment: 'production' },
};

/** An input every policy approves. */
export const base: GateInput = {
  policy,
  manifest,
  scorecard: { passed: true, performance_p95_ms: 150, error_rate: 0.001 },
  signals: { p95_ms: 180, error_rate: 0.005, open_critical_incidents: 0 },
  now: NOW,
};

/** A waiver for one policy. */
export const waiver = (policyName: Waiver['policy'], expires_at: string, id = `w-${policyName}`): Waiver => ({
  id,
  policy: policyName,
  reason: 'accepted risk, tracked in INC-1',
  approved_by: 'change-board',
  expires_at,
});

/** Evaluates `base` with a patch, and checks the record against the contract's schema. */
export function gate(patch: Partial<GateInput> = {}): GateDecision {
  const decision = evaluateGate({ ...base, ...patch });
  const parsed = parseContract('gate-decision', decision);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return decision;
}

/** The codes of every reason but POLICY_PASSED. */
export const codes = (d: GateDecision) =>
  d.reasons.filter((r) => r.code !== 'POLICY_PASSED').map((r) => r.code);
/** The reasons of one policy. */
export const reasonFor = (d: GateDecision, p: string) => d.reasons.filter((r) => r.policy === p);

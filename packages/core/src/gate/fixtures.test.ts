import { readFileSync } from 'node:fs';
import { type ContractKind, type GateDecision, parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import type { GateInput } from './types.js';

const dir = new URL('../../fixtures/gate/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

function valid<K extends ContractKind>(kind: K, name: string) {
  const parsed = parseContract(kind, load(name));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

const manifest = valid('release-manifest', 'release-manifest.json');
const waiverManifest = valid('release-manifest', 'release-manifest.waiver.json');
const policy = valid('gate-policy', 'gate-policy.json');
const runbookPolicy = valid('gate-policy', 'gate-policy.runbook.json');
const scorecard = valid('readiness-report', 'readiness-report.json').scorecard;
const signals = load('signals.json') as GateInput['signals'];
const lateApprovals = load('approvals.late.json') as GateInput['approvals'];
const NOW = Date.parse('2025-10-02T15:00:00Z');

function gate(input: GateInput): GateDecision {
  const decision = evaluateGate(input);
  const parsed = parseContract('gate-decision', decision);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return decision;
}

const failing = (d: GateDecision) =>
  d.reasons.filter((r) => r.code !== 'POLICY_PASSED').map((r) => [r.code, r.limit]);

describe('the runbook release (seed 001) through the gate', () => {
  it('its artifacts carry real sha256 digests', () => {
    for (const artifact of manifest.artifacts) expect(artifact.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each([
    ['the DESIGN.md policy', policy],
    ['the runbook policy spelling', runbookPolicy],
  ])('reject path with %s: only change-board approved', (_, p) => {
    const d = gate({ policy: p, manifest, scorecard, signals, now: NOW });
    expect(d.decision).toBe('reject');
    expect(failing(d)).toEqual([
      ['APPROVAL_MISSING', 'sre'],
      ['APPROVAL_MISSING', 'product-owner'],
    ]);
  });

  it('approve path: the late SRE and product-owner approvals complete the roster (golden record)', () => {
    const d = gate({
      policy,
      manifest,
      scorecard,
      signals,
      approvals: lateApprovals,
      now: NOW,
      offset: '+08:00',
      releaseId: 'rel-2025-10-02',
    });
    expect(d).toEqual(load('decision.approve.json'));
  });

  it('the runbook policy spelling gives the same verdicts and limits', () => {
    const a = gate({ policy, manifest, scorecard, signals, approvals: lateApprovals, now: NOW });
    const b = gate({
      policy: runbookPolicy,
      manifest,
      scorecard,
      signals,
      approvals: lateApprovals,
      now: NOW,
    });
    expect(b.decision).toBe(a.decision);
    expect(b.reasons).toEqual(a.reasons);
    expect(b.input_hash).not.toBe(a.input_hash);
  });

  it('waiver path: p95 of 240 ms is covered by the listed waiver until 2025-10-09', () => {
    const d = gate({
      policy,
      manifest: waiverManifest,
      scorecard,
      signals: { ...signals, p95_ms: 240 },
      now: NOW,
    });
    expect(d.decision).toBe('waiver_required');
    expect(failing(d)).toEqual([['WAIVER_APPLIED', '< 200']]);
    expect(d.reasons[1]).toMatchObject({ waiver_id: 'wvr-2025-10-02-p95', observed: 240 });
  });

  it('the same waiver after it expires rejects', () => {
    const d = gate({
      policy,
      manifest: waiverManifest,
      scorecard,
      signals: { ...signals, p95_ms: 240 },
      now: Date.parse('2025-10-09T00:00:00Z'),
    });
    expect(d.decision).toBe('reject');
    expect(failing(d).map(([code]) => code)).toEqual(['P95_ABOVE_LIMIT', 'WAIVER_EXPIRED']);
  });

  it('a month later the rehearsal of 2025-09-18 is stale', () => {
    const d = gate({
      policy,
      manifest: waiverManifest,
      scorecard,
      signals,
      now: Date.parse('2025-10-18T16:00:01Z'),
    });
    expect(failing(d)).toEqual([['REHEARSAL_STALE', 30]]);
  });

  it('the manifest targets production, so a staging gate is a mismatch', () => {
    const d = gate({
      policy,
      manifest,
      scorecard,
      signals,
      approvals: lateApprovals,
      now: NOW,
      environment: 'staging',
    });
    expect(failing(d).map(([code]) => code)).toEqual(['ENVIRONMENT_MISMATCH', 'APPROVAL_MISSING']);
  });
});

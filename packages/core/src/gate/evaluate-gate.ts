import type { GateDecision, GateVerdict } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';
import { formatTimestamp } from '@rollgate/contract/time';
import { toEpochMs } from '../evaluator-kit/instant.js';
import { checkApprovals } from './approvals.js';
import type { GateContext } from './context.js';
import type { Finding } from './finding.js';
import { hashInput } from './input-hash.js';
import { field } from './inputs.js';
import { readGateInput } from './read-input.js';
import { checkReadinessPassed, checkReadinessWaiver } from './readiness.js';
import { checkRehearsal } from './rehearsal.js';
import { checkSignature } from './signature.js';
import { checkThresholds } from './thresholds.js';
import type { GateInput } from './types.js';

/** Schema version of the decision records this gate writes. */
export const GATE_DECISION_SCHEMA_VERSION = '1.0.0';
/** `release_id` of a decision whose release could not be named. */
export const UNKNOWN_RELEASE_ID = 'unknown-release';

// Worst wins: any rejecting reason rejects; otherwise a reason that passes only under a waiver
// makes the decision waiver_required; otherwise every enforced policy passed.
function verdictOf(findings: readonly Finding[]): GateVerdict {
  if (findings.some((f) => f.effect === 'reject')) return 'reject';
  if (findings.some((f) => f.effect === 'waiver')) return 'waiver_required';
  return 'approve';
}

function evaluate(input: unknown): GateDecision {
  const read = readGateInput(input);
  const now = read.now ?? 0;
  const releaseId = read.releaseId ?? UNKNOWN_RELEASE_ID;
  const ctx: GateContext = {
    now,
    nowText: formatTimestamp(now, read.offset),
    policy: read.policy,
    manifest: read.manifest,
    environment: read.environment,
    scorecard: field(input, 'scorecard'),
    signals: field(input, 'signals'),
    signature: read.signature,
  };
  const findings = [
    ...read.findings,
    ...checkReadinessPassed(ctx),
    ...checkThresholds(ctx),
    ...checkReadinessWaiver(ctx),
    ...checkApprovals(ctx),
    ...checkRehearsal(ctx),
    ...checkSignature(ctx),
  ];

  return {
    schema_version: GATE_DECISION_SCHEMA_VERSION,
    decision: verdictOf(findings),
    release_id: releaseId,
    ...(read.environment !== undefined ? { environment: read.environment } : {}),
    decided_at: ctx.nowText,
    reasons: findings.map((f) => f.reason),
    input_hash: hashInput(input, read.now, releaseId, read.environment),
  };
}

/**
 * The deployment gate (pure; `now` is passed in). Reads the policy and the manifest with the
 * contract's schemas (raw documents or parsed ones), evaluates every policy, never stopping at the
 * first failure, and returns the contract's GateDecision: `reject` when any reason rejects, else
 * `waiver_required` when a breach is covered by an unexpired waiver listed in the manifest, else
 * `approve`. Each reason has a stable code, a plain-English message, the policy, the observed
 * value and the limit. An input mistake is a rejecting reason (POLICY_INVALID, MANIFEST_INVALID,
 * INPUT_INVALID) per issue, its message the path and text. Missing data, damaged input and
 * unknown policies reject; nothing is thrown, whatever the input. `input_hash` is sha256 over the
 * canonical inputs.
 */
export function evaluateGate(input: GateInput): GateDecision {
  try {
    return evaluate(input);
  } catch (error) {
    // A host object that throws on access (a Proxy, a getter) must still get a decision record.
    let now = 0;
    try {
      now = toEpochMs(field(input, 'now')) ?? 0;
    } catch {
      // `now` itself is what throws; the record is dated at the epoch.
    }
    const message = errorMessage(error);
    return {
      schema_version: GATE_DECISION_SCHEMA_VERSION,
      decision: 'reject',
      release_id: UNKNOWN_RELEASE_ID,
      decided_at: formatTimestamp(now, 'Z'),
      reasons: [
        {
          code: 'INPUT_INVALID',
          message: `The gate could not read its input: ${message.slice(0, 1000) || 'unknown error'}.`,
        },
      ],
    };
  }
}

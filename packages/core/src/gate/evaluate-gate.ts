import type { GateDecision, GateVerdict } from '@rollgate/contract';
import { formatTimestamp, offsetMinutes } from '@rollgate/contract/time';
import { checkApprovals } from './approvals.js';
import type { GateContext } from './context.js';
import { resolveEnvironment } from './environment.js';
import { type Finding, reject } from './finding.js';
import { sha256Of } from '../evaluator-kit/sha256.js';
import { unordered } from './input-hash.js';
import { readManifest } from './manifest.js';
import { readPolicy } from './policy.js';
import { describe, field, isName, isRecord, timestampMs } from './read.js';
import { checkReadinessPassed, checkReadinessWaiver } from './readiness.js';
import { checkRehearsal } from './rehearsal.js';
import { checkThresholds } from './thresholds.js';
import type { GateInput } from './types.js';

/** Schema version of the decision records this gate writes. */
export const GATE_DECISION_SCHEMA_VERSION = '1.0.0';
/** `release_id` of a decision whose release could not be named. */
export const UNKNOWN_RELEASE_ID = 'unknown-release';

// Instants an RFC 3339 timestamp can spell in any offset: years 0000 to 9999, a day of margin each side.
const FIRST_INSTANT = Date.parse('0000-01-02T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-30T23:59:59.999Z');

function toMs(now: unknown): number | undefined {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : timestampMs(now);
  return ms !== undefined && Number.isFinite(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT
    ? ms
    : undefined;
}

// Worst wins: any rejecting reason rejects; otherwise a reason that passes only under a waiver
// makes the decision waiver_required; otherwise every enforced policy passed.
function verdictOf(findings: readonly Finding[]): GateVerdict {
  if (findings.some((f) => f.effect === 'reject')) return 'reject';
  if (findings.some((f) => f.effect === 'waiver')) return 'waiver_required';
  return 'approve';
}

// The inputs that decide, in an order-free canonical form: reordering approvals or waivers (in
// the manifest or passed in) keeps the hash, so the same release gives the same record.
function hashInput(
  input: unknown,
  now: number | undefined,
  releaseId: string,
  environment: string | undefined,
): string {
  const manifest = field(input, 'manifest');
  const canonicalManifest = isRecord(manifest)
    ? { ...manifest, approvals: unordered(manifest.approvals), waivers: unordered(manifest.waivers) }
    : manifest;
  return sha256Of({
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

function evaluate(input: unknown): GateDecision {
  const findings: Finding[] = [];
  if (!isRecord(input))
    findings.push(
      reject(
        'INPUT_INVALID',
        `evaluateGate takes { policy, manifest, scorecard, signals, now }; got ${describe(input)}.`,
      ),
    );
  const parsedNow = toMs(field(input, 'now'));
  if (parsedNow === undefined) {
    findings.push(
      reject(
        'INPUT_INVALID',
        `now is ${describe(field(input, 'now'))}, not epoch milliseconds or a valid Date between the years 0000 and 9999; times are judged against 1970-01-01T00:00:00Z.`,
      ),
    );
  }
  const now = parsedNow ?? 0;
  const rawOffset = field(input, 'offset');
  const offset = typeof rawOffset === 'string' && offsetMinutes(rawOffset) !== undefined ? rawOffset : 'Z';
  if (rawOffset !== undefined && offset !== rawOffset) {
    findings.push(
      reject(
        'INPUT_INVALID',
        `offset is ${describe(rawOffset)}, not Z or ±hh:mm; decided_at is written in Z.`,
      ),
    );
  }
  for (const key of ['scorecard', 'signals'] as const) {
    const value = field(input, key);
    if (value !== undefined && !isRecord(value))
      findings.push(reject('INPUT_INVALID', `${key} must be an object; got ${describe(value)}.`));
  }

  const policy = readPolicy(field(input, 'policy'));
  const manifest = readManifest(field(input, 'manifest'), field(input, 'approvals'), field(input, 'waivers'));
  const env = resolveEnvironment(field(input, 'environment'), manifest.environment);
  const requestedId = field(input, 'releaseId');
  if (requestedId !== undefined && !isName(requestedId)) {
    findings.push(reject('INPUT_INVALID', `releaseId is ${describe(requestedId)}, not a release name.`));
  }
  const releaseId = isName(requestedId) ? requestedId : (manifest.release ?? UNKNOWN_RELEASE_ID);
  findings.push(...policy.findings, ...manifest.findings, ...env.findings);

  const ctx: GateContext = {
    now,
    nowText: formatTimestamp(now, offset),
    policy,
    manifest,
    environment: env.environment,
    scorecard: field(input, 'scorecard'),
    signals: field(input, 'signals'),
  };
  findings.push(
    ...checkReadinessPassed(ctx),
    ...checkThresholds(ctx),
    ...checkReadinessWaiver(ctx),
    ...checkApprovals(ctx),
    ...checkRehearsal(ctx),
  );

  return {
    schema_version: GATE_DECISION_SCHEMA_VERSION,
    decision: verdictOf(findings),
    release_id: releaseId,
    ...(env.environment !== undefined ? { environment: env.environment } : {}),
    decided_at: ctx.nowText,
    reasons: findings.map((f) => f.reason),
    input_hash: hashInput(input, parsedNow, releaseId, env.environment),
  };
}

/**
 * The deployment gate (pure; `now` is passed in). Evaluates every policy, never stopping at the
 * first failure, and returns the contract's GateDecision: `reject` when any reason rejects,
 * else `waiver_required` when a breach is covered by an unexpired waiver listed in the manifest,
 * else `approve`. Each reason has a stable code, a plain-English message, the policy, the
 * observed value and the limit. Missing data, damaged input and unknown policies reject; nothing
 * is thrown, whatever the input. `input_hash` is sha256 over the canonical inputs.
 */
export function evaluateGate(input: GateInput): GateDecision {
  try {
    return evaluate(input);
  } catch (error) {
    // A host object that throws on access (a Proxy, a getter) must still get a decision record.
    let now = 0;
    try {
      now = toMs(field(input, 'now')) ?? 0;
    } catch {
      // `now` itself is what throws; the record is dated at the epoch.
    }
    const message = error instanceof Error ? error.message : String(error);
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

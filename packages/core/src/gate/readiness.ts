import { describeValue, isRecord } from '@rollgate/contract/errors';
import { parseTimestamp } from '@rollgate/contract/time';
import type { GateContext } from './context.js';
import { type Finding, passed, reject } from './finding.js';
import { field } from './inputs.js';
import { coverBreach } from './waivers.js';

/** `readiness_passed: true`: the readiness scorecard must say the run passed (a waiver may cover a failure). */
export function checkReadinessPassed(ctx: GateContext): Finding[] {
  if (!ctx.policy.readinessPassed) return [];
  const value = field(ctx.scorecard, 'passed');
  if (typeof value !== 'boolean') {
    const what = isRecord(ctx.scorecard)
      ? `scorecard.passed is ${describeValue(value)}`
      : 'no readiness scorecard was given';
    return [
      reject(
        'READINESS_MISSING',
        `Readiness unknown: ${what}; the gate never approves without a readiness result.`,
        {
          policy: 'readiness_passed',
          observed: null,
          limit: true,
        },
      ),
    ];
  }
  const fields = { policy: 'readiness_passed', observed: value, limit: true };
  if (value) return [passed('The readiness run passed (scorecard.passed is true).', fields)];
  return coverBreach(
    'readiness_passed',
    reject('READINESS_FAILED', 'The readiness run failed (scorecard.passed is false).', fields),
    ctx,
  );
}

/** `readiness_waiver_expired: false`: a waiver the readiness run relies on must still be valid (expires after now). */
export function checkReadinessWaiver(ctx: GateContext): Finding[] {
  if (!ctx.policy.readinessWaiverMustBeValid) return [];
  const policy = 'readiness_waiver_expired';
  if (!isRecord(ctx.scorecard)) {
    return [
      reject(
        'READINESS_MISSING',
        'No readiness scorecard was given, so whether its waiver expired is unknown.',
        {
          policy,
          observed: null,
          limit: false,
        },
      ),
    ];
  }
  const raw = ctx.scorecard.waiver_expires_at;
  if (raw === undefined)
    return [passed('The readiness run relies on no waiver.', { policy, observed: false, limit: false })];
  const expiresAt = typeof raw === 'string' ? parseTimestamp(raw) : undefined;
  if (expiresAt === undefined || typeof raw !== 'string') {
    return [
      reject(
        'INPUT_INVALID',
        `scorecard.waiver_expires_at is ${describeValue(raw)}, not an RFC 3339 timestamp.`,
        {
          policy,
          observed: null,
          limit: false,
        },
      ),
    ];
  }
  if (expiresAt <= ctx.now) {
    return [
      reject(
        'WAIVER_EXPIRED',
        `The readiness waiver expired at ${raw}, not after the decision time ${ctx.nowText}.`,
        {
          policy,
          observed: raw,
          limit: ctx.nowText,
        },
      ),
    ];
  }
  return [
    passed(`The readiness waiver is valid until ${raw}.`, { policy, observed: raw, limit: ctx.nowText }),
  ];
}

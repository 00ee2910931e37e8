import { parseTimestamp } from '@rollgate/contract/time';
import type { GateContext } from './context.js';
import { type Finding, passed, reject } from './finding.js';
import { show } from './text.js';
import { coverBreach } from './waivers.js';

const DAY_MS = 86_400_000;

/**
 * The rollback rehearsal (`rollback_plan.rehearsed_at`) must be no older than
 * `max_rehearsal_age_days`: exactly that age passes, a millisecond more is stale (a waiver may
 * cover a stale rehearsal). Missing or dated after now: REHEARSAL_MISSING, which no waiver covers.
 */
export function checkRehearsal(ctx: GateContext): Finding[] {
  const policy = 'max_rehearsal_age_days';
  const maxDays = ctx.policy.maxRehearsalAgeDays;
  const raw = ctx.manifest.rehearsedAt;
  const at = raw === undefined ? undefined : parseTimestamp(raw);
  if (at === undefined || raw === undefined) {
    return [
      reject(
        'REHEARSAL_MISSING',
        `No rollback rehearsal is recorded (manifest.rollback_plan.rehearsed_at is missing or not an RFC 3339 timestamp); rehearse within ${maxDays} days.`,
        { policy, observed: null, limit: maxDays },
      ),
    ];
  }
  if (at > ctx.now) {
    return [
      reject(
        'REHEARSAL_MISSING',
        `The rollback rehearsal is dated ${raw}, after the decision time ${ctx.nowText}; it does not count.`,
        {
          policy,
          observed: raw,
          limit: maxDays,
        },
      ),
    ];
  }
  const ageDays = (ctx.now - at) / DAY_MS;
  const text = `The rollback was last rehearsed at ${raw}, ${show(Math.round(ageDays * 100) / 100)} days before the decision`;
  const fields = { policy, observed: ageDays, limit: maxDays };
  if (ctx.now - at <= maxDays * DAY_MS) return [passed(`${text}, within ${maxDays} days.`, fields)];
  return coverBreach(
    policy,
    reject('REHEARSAL_STALE', `${text}, older than the ${maxDays} days allowed.`, fields),
    ctx,
  );
}

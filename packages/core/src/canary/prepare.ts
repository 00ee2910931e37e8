import type { ContractIssue, ParseResult } from '@rollgate/contract';
import { CANARY_ISSUE_CODES } from './codes.js';
import { failSafe } from './fail-safe.js';
import { readInstant } from './instant.js';
import type { PlanInMs } from './plan.js';
import { readContext } from './read-context.js';
import { readState } from './read-state.js';
import type { CanaryContext, CanaryResult, CanaryState } from './types.js';

/** Inputs shared by every transition, read; or the fail-safe result when they cannot be trusted. */
export type Prepared =
  | {
      readonly ok: true;
      readonly plan: PlanInMs;
      readonly state: CanaryState;
      readonly now: number;
      readonly context: CanaryContext | undefined;
      readonly issues: ContractIssue[];
    }
  | { readonly ok: false; readonly result: CanaryResult };

/**
 * Reads state, instant and context against a plan already read. A damaged plan or state gives the
 * fail-safe result. An invalid instant, or one before the state's last update, reads as that last
 * update: time never runs backwards, so a hold can never look longer than it was, and a rollback
 * still acts.
 */
export function prepare(
  plan: ParseResult<PlanInMs>,
  state: unknown,
  now: unknown,
  context: unknown,
): Prepared {
  const time = readInstant(now, 'now');
  if (!plan.ok) return { ok: false, result: failSafe(time.ok ? time.value : undefined, plan.issues) };
  const read = readState(state, plan.value);
  if (!read.ok) return { ok: false, result: failSafe(time.ok ? time.value : undefined, read.issues) };
  const issues: ContractIssue[] = [];
  const last = read.value.updatedAt;
  let at = last;
  if (!time.ok) {
    issues.push(...time.issues);
  } else if (time.value < last) {
    issues.push({
      code: CANARY_ISSUE_CODES.clockSkew,
      path: 'now',
      message: `now (${time.value}) is before the state's last update (${last}); read as ${last}`,
    });
  } else {
    at = time.value;
  }
  const ctx = context === undefined ? undefined : readContext(context);
  if (ctx !== undefined && !ctx.ok) issues.push(...ctx.issues);
  return {
    ok: true,
    plan: plan.value,
    state: read.value,
    now: at,
    context: ctx?.ok ? ctx.value : undefined,
    issues,
  };
}

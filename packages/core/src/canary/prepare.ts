import { failSafe } from './fail-safe.js';
import type { CanaryContext, CanaryProblem, CanaryResult, CanaryState } from './types.js';
import { checkContext, checkInstant, checkPlan, checkState, type ValidPlan } from './validate.js';

/** Inputs shared by every transition, checked; or the fail-safe result when they cannot be trusted. */
export type Prepared =
  | {
      readonly ok: true;
      readonly plan: ValidPlan;
      readonly state: CanaryState;
      readonly now: number;
      readonly context: CanaryContext | undefined;
      readonly problems: CanaryProblem[];
    }
  | { readonly ok: false; readonly result: CanaryResult };

/**
 * Checks plan, state, instant and context. A damaged plan or state gives the fail-safe result. An
 * invalid instant, or one before the state's last update, reads as that last update: time never
 * runs backwards, so a hold can never look longer than it was, and a rollback still acts.
 */
export function prepare(plan: unknown, state: unknown, now: unknown, context: unknown): Prepared {
  const time = checkInstant(now, 'now');
  const checkedPlan = checkPlan(plan);
  if (!checkedPlan.ok)
    return { ok: false, result: failSafe(time.ok ? time.value : undefined, checkedPlan.problems) };
  const checkedState = checkState(state, checkedPlan.value);
  if (!checkedState.ok)
    return { ok: false, result: failSafe(time.ok ? time.value : undefined, checkedState.problems) };
  const problems: CanaryProblem[] = [];
  const last = checkedState.value.updatedAt;
  let at = last;
  if (!time.ok) {
    problems.push(...time.problems);
  } else if (time.value < last) {
    problems.push({
      code: 'CANARY_CLOCK_SKEW',
      path: 'now',
      message: `now (${time.value}) is before the state's last update (${last}); read as ${last}`,
    });
  } else {
    at = time.value;
  }
  const ctx = context === undefined ? undefined : checkContext(context);
  if (ctx !== undefined && !ctx.ok) problems.push(...ctx.problems);
  return {
    ok: true,
    plan: checkedPlan.value,
    state: checkedState.value,
    now: at,
    context: ctx?.ok ? ctx.value : undefined,
    problems,
  };
}

import { toEvents } from './events.js';
import { failSafe } from './fail-safe.js';
import { initialState } from './machine.js';
import type { CanaryContext, CanaryInstant, CanaryPlanLike, CanaryResult } from './types.js';
import { checkContext, checkInstant, checkPlan } from './validate.js';

/**
 * Starts a canary: step 0 is deployed and the run waits in DEPLOYMENT for the health gate
 * (`healthGate`). Emits `canary.started` (phase_index 0) when a context is given. A damaged plan or
 * instant gives the fail-safe ROLLBACK state with `problems`, never a throw.
 */
export function startCanary(plan: CanaryPlanLike, now: CanaryInstant, context?: CanaryContext): CanaryResult {
  const time = checkInstant(now, 'now');
  const checkedPlan = checkPlan(plan);
  if (!time.ok || !checkedPlan.ok) {
    return failSafe(time.ok ? time.value : undefined, [
      ...(time.ok ? [] : time.problems),
      ...(checkedPlan.ok ? [] : checkedPlan.problems),
    ]);
  }
  const ctx = context === undefined ? undefined : checkContext(context);
  const step = initialState(checkedPlan.value, time.value);
  return {
    state: step.state,
    events: toEvents(step.emissions, ctx?.ok ? ctx.value : undefined, time.value),
    problems: ctx !== undefined && !ctx.ok ? ctx.problems : [],
  };
}

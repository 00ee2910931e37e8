import type { ParseResult } from '@rollgate/contract';
import { toEvents } from './events.js';
import { failSafe } from './fail-safe.js';
import { readInstant } from './instant.js';
import { initialState } from './machine.js';
import { type PlanInMs, readPlan } from './plan.js';
import { readContext } from './read-context.js';
import type { CanaryContext, CanaryInstant, CanaryResult } from './types.js';

/**
 * Starts a canary: step 0 is deployed and the run waits in DEPLOYMENT until `confirmDeployment`
 * sees every health check pass. `plan` is a `CanaryPlan` document, raw or parsed; it is read with
 * the contract's schema. Emits `canary.started` (phase_index 0) when a context is given. A damaged
 * plan or instant gives the fail-safe ROLLBACK state with `issues`, never a throw.
 */
export function startCanary(plan: unknown, now: CanaryInstant, context?: CanaryContext): CanaryResult {
  return startOnPlan(readPlan(plan), now, context);
}

/** `startCanary` on a plan already read (a replay reads its plan once). */
export function startOnPlan(plan: ParseResult<PlanInMs>, now: unknown, context: unknown): CanaryResult {
  const time = readInstant(now, 'now');
  if (!time.ok || !plan.ok) {
    return failSafe(time.ok ? time.value : undefined, [
      ...(time.ok ? [] : time.issues),
      ...(plan.ok ? [] : plan.issues),
    ]);
  }
  const ctx = context === undefined ? undefined : readContext(context);
  const step = initialState(plan.value, time.value);
  return {
    state: step.state,
    events: toEvents(step.emissions, ctx?.ok ? ctx.value : undefined, time.value),
    issues: ctx !== undefined && !ctx.ok ? ctx.issues : [],
  };
}

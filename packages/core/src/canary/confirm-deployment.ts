import type { ParseResult } from '@rollgate/contract';
import { applyHealth } from './deployment.js';
import { toEvents } from './events.js';
import { type PlanInMs, readPlan } from './plan.js';
import { prepare } from './prepare.js';
import { readHealth } from './read-health.js';
import type { CanaryContext, CanaryInstant, CanaryResult, CanaryState, DeploymentHealth } from './types.js';

/**
 * Confirms a deployed canary from one health observation (pure): DEPLOYMENT→MONITORING when every
 * health check passes and no rollback signal is active (the hold clock of step 0 starts then).
 * DEPLOYMENT→ROLLBACK on any rollback signal, after the plan's `deployment.failureThreshold`
 * consecutive failed observations past its `grace` (default 3 past 30s), or once its
 * `progressDeadline` (default 10m) has passed; these emit `canary.completed` and `rollback.requested`
 * as a rule breach does. A rollback signal also rolls back a MONITORING or PAUSED canary; otherwise
 * health does not move a canary past DEPLOYMENT. ROLLBACK and PROMOTED never change.
 */
export function confirmDeployment(
  plan: unknown,
  state: CanaryState,
  health: DeploymentHealth,
  now: CanaryInstant,
  context?: CanaryContext,
): CanaryResult {
  return confirmOnPlan(readPlan(plan), state, health, now, context);
}

/** `confirmDeployment` on a plan already read (a replay reads its plan once). */
export function confirmOnPlan(
  plan: ParseResult<PlanInMs>,
  state: unknown,
  health: unknown,
  now: unknown,
  context: unknown,
): CanaryResult {
  const input = prepare(plan, state, now, context);
  if (!input.ok) return input.result;
  const read = readHealth(health);
  const step = applyHealth(input.plan, input.state, read, input.now);
  return {
    state: step.state,
    events: toEvents(step.emissions, input.context, input.now),
    issues: [...input.issues, ...read.issues],
  };
}

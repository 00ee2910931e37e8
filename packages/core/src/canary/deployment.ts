import { formatDuration } from '@rollgate/contract/time';
import type { PlanInMs } from './plan.js';
import type { ReadHealth } from './read-health.js';
import { deadlineRollback, healthFailureRollback, signalRollback } from './rollback-reason.js';
import { isTerminal, rollback, type Step, where } from './transition.js';
import type { CanaryState } from './types.js';

// The DEPLOYMENT phase (seed 000: heartbeat_endpoints_pass → pass: DEPLOYMENT→MONITORING; fail:
// DEPLOYMENT→ROLLBACK). "Fail" is made concrete as the heartbeat makes it: `failureThreshold`
// consecutive failures once the grace is over; and a canary that never passes rolls back at its
// progress deadline, as Argo Rollouts' progressDeadlineSeconds, so none waits forever.

/**
 * The rollback of a DEPLOYMENT canary whose progress deadline has passed (strictly later than
 * `startedAt + progressDeadline`), or undefined. Every transition checks it first, so no input,
 * however late, leaves a canary in DEPLOYMENT past its deadline.
 */
export function deadlineStep(plan: PlanInMs, state: CanaryState, now: number): Step | undefined {
  if (state.phase !== 'DEPLOYMENT') return undefined;
  const deploying = now - state.startedAt;
  const deadline = plan.deployment.progressDeadlineMs;
  if (deploying <= deadline) return undefined;
  return rollback(state, now, null, deadlineRollback(deadline, where(state), deploying));
}

// A failed observation in DEPLOYMENT: inside the grace it does not count (the pre-health gap);
// past it, it counts, and the threshold-th consecutive one rolls back.
function failed(plan: PlanInMs, state: CanaryState, now: number): Step {
  const { failureThreshold, graceMs } = plan.deployment;
  const deploying = now - state.startedAt;
  if (deploying < graceMs) {
    return {
      state: {
        ...state,
        updatedAt: now,
        reason: `waiting ${where(state)}: not every health check passes yet (within the ${formatDuration(graceMs)} grace)`,
      },
      emissions: [],
    };
  }
  const healthFailures = state.healthFailures + 1;
  if (healthFailures >= failureThreshold) {
    const details = healthFailureRollback(healthFailures, graceMs, where(state), deploying);
    return rollback({ ...state, healthFailures }, now, null, details);
  }
  return {
    state: {
      ...state,
      updatedAt: now,
      healthFailures,
      reason: `waiting ${where(state)}: not every health check passes yet (${healthFailures} of ${failureThreshold} consecutive failures)`,
    },
    emissions: [],
  };
}

/**
 * Applies one health observation. An active rollback signal rolls back from any non-terminal phase
 * (DEPLOYMENT→ROLLBACK, and a health breach during the canary). In DEPLOYMENT: past the progress
 * deadline → ROLLBACK; a pass → MONITORING, step 0's hold clock starts and the failure count resets;
 * a failure counts toward `failureThreshold` once the grace is over; an unreadable observation
 * changes nothing. In other phases health without a signal changes nothing.
 */
export function applyHealth(plan: PlanInMs, state: CanaryState, health: ReadHealth, now: number): Step {
  if (isTerminal(state)) return { state, emissions: [] };
  if (health.signal !== undefined)
    return rollback(state, now, null, signalRollback(health.signal, where(state), now - state.stepStartedAt));
  if (state.phase !== 'DEPLOYMENT') return { state: { ...state, updatedAt: now }, emissions: [] };
  const expired = deadlineStep(plan, state, now);
  if (expired !== undefined) return expired;
  if (health.observation === 'fail') return failed(plan, state, now);
  if (health.observation === 'unknown') return { state: { ...state, updatedAt: now }, emissions: [] };
  return {
    state: {
      ...state,
      phase: 'MONITORING',
      holdStartedAt: now,
      updatedAt: now,
      healthFailures: 0,
      reason: `every health check passes and no rollback signal is active; monitoring ${where(state)}`,
      transitions: state.transitions + 1,
    },
    emissions: [],
  };
}

import { formatDuration } from '@rollgate/contract/time';
import { deadlineStep } from './deployment.js';
import type { PlanInMs } from './plan.js';
import { decisionRollback } from './rollback-reason.js';
import { isTerminal, pct, rollback, type Step, where } from './transition.js';
import type { CanaryAction, CanaryReasonLike, CanaryState } from './types.js';

// The rule-decision side of the state machine, on inputs already read. One call makes at most one
// transition, which is what guarantees a step is never skipped however late a decision arrives.

/** The first state of a run: step 0 deployed, waiting for its health checks (`confirmDeployment`). */
export function initialState(plan: PlanInMs, now: number): Step {
  const first = plan.steps[0]!;
  const state: CanaryState = {
    phase: 'DEPLOYMENT',
    stepIndex: 0,
    weight: first.weight,
    stepStartedAt: now,
    holdStartedAt: null,
    pausedAt: null,
    startedAt: now,
    updatedAt: now,
    lastAction: null,
    reason: `canary deployed at ${pct(first.weight)}; waiting for every health check to pass`,
    transitions: 0,
    healthFailures: 0,
  };
  return { state, emissions: [{ kind: 'started', stepIndex: 0, weight: first.weight }] };
}

const stay = (state: CanaryState, now: number, action: CanaryAction, reason: string): Step => ({
  state: { ...state, updatedAt: now, lastAction: action, reason },
  emissions: [],
});

function promote(plan: PlanInMs, state: CanaryState, now: number): Step {
  const step = plan.steps[state.stepIndex]!;
  const holdStartedAt = state.holdStartedAt ?? now;
  const held = now - holdStartedAt;
  if (held < step.holdMs) {
    return stay(
      state,
      now,
      'promote',
      `promote ${where(state)} after ${formatDuration(held)} of a ${formatDuration(step.holdMs)} hold; the step advances once its hold has elapsed`,
    );
  }
  const next = plan.steps[state.stepIndex + 1];
  if (next === undefined) {
    return {
      state: {
        ...state,
        phase: 'PROMOTED',
        holdStartedAt: null,
        updatedAt: now,
        lastAction: 'promote',
        reason: `promoted after the last step ${where(state)} held ${formatDuration(held)}`,
        transitions: state.transitions + 1,
      },
      emissions: [
        { kind: 'completed', stepIndex: state.stepIndex, weight: state.weight, outcome: 'promoted' },
      ],
    };
  }
  const nextIndex = state.stepIndex + 1;
  return {
    state: {
      ...state,
      stepIndex: nextIndex,
      weight: next.weight,
      stepStartedAt: now,
      holdStartedAt: now,
      updatedAt: now,
      lastAction: 'promote',
      reason: `advanced from step ${state.stepIndex} (${pct(state.weight)}) to step ${nextIndex} (${pct(next.weight)})`,
      transitions: state.transitions + 1,
    },
    emissions: [
      { kind: 'completed', stepIndex: state.stepIndex, weight: state.weight, outcome: 'advanced' },
      { kind: 'started', stepIndex: nextIndex, weight: next.weight },
    ],
  };
}

/**
 * Applies one rule decision. ROLLBACK and PROMOTED never change. `rollback`/`block` roll back from
 * any other phase. In DEPLOYMENT a passed progress deadline rolls back; otherwise nothing else
 * acts: the deployment has not been confirmed. In MONITORING
 * `promote` advances one step once the hold has elapsed, `continue` stays, `hold`/`inconclusive`
 * pause. In PAUSED `promote`/`continue` resume with a fresh hold clock (the step must be held in
 * full without interruption), `hold`/`inconclusive` keep it paused.
 */
export function applyDecision(
  plan: PlanInMs,
  state: CanaryState,
  action: CanaryAction,
  reasons: readonly CanaryReasonLike[],
  decidedBy: readonly unknown[],
  now: number,
): Step {
  if (isTerminal(state)) return { state, emissions: [] };
  if (action === 'rollback' || action === 'block') {
    return rollback(
      state,
      now,
      action,
      decisionRollback(action, reasons, decidedBy, where(state), now - state.stepStartedAt),
    );
  }
  const expired = deadlineStep(plan, state, now);
  if (expired !== undefined) return expired;
  switch (state.phase) {
    case 'DEPLOYMENT':
      return stay(
        state,
        now,
        action,
        `${action} ignored ${where(state)}: the canary is still waiting for its health checks`,
      );
    case 'MONITORING':
      if (action === 'promote') return promote(plan, state, now);
      if (action === 'continue')
        return stay(state, now, action, `continue ${where(state)}: evidence still accumulating`);
      return {
        state: {
          ...state,
          phase: 'PAUSED',
          holdStartedAt: null,
          pausedAt: now,
          updatedAt: now,
          lastAction: action,
          reason: `paused ${where(state)} on ${action}; a later promote or continue resumes with a fresh hold`,
          transitions: state.transitions + 1,
        },
        emissions: [],
      };
    case 'PAUSED':
      if (action === 'hold' || action === 'inconclusive') {
        return stay(state, now, action, `still paused ${where(state)} on ${action}`);
      }
      return {
        state: {
          ...state,
          phase: 'MONITORING',
          holdStartedAt: now,
          pausedAt: null,
          updatedAt: now,
          lastAction: action,
          reason: `resumed ${where(state)} on ${action}; the step's hold restarts now`,
          transitions: state.transitions + 1,
        },
        emissions: [],
      };
  }
  return { state, emissions: [] };
}

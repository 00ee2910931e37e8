import { formatDuration } from '@rollgate/contract/time';
import type { Emission } from './events.js';
import { decisionRollback, type RollbackDetails, signalRollback } from './rollback-reason.js';
import type { CanaryAction, CanaryReasonLike, CanaryRollbackSignal, CanaryState } from './types.js';
import type { ValidPlan } from './validate.js';

// The state machine itself, on inputs already checked. One call makes at most one transition,
// which is what guarantees a step is never skipped however late a decision arrives.

/** A new state and what it emits. */
export interface Step {
  readonly state: CanaryState;
  readonly emissions: Emission[];
}

const pct = (weight: number) => `${weight}%`;
const where = (state: CanaryState) => `at step ${state.stepIndex} (${pct(state.weight)})`;

/** True for the phases nothing leaves. */
export const isTerminal = (state: CanaryState): boolean =>
  state.phase === 'ROLLBACK' || state.phase === 'PROMOTED';

/** The first state of a run: step 0 deployed, waiting for the health gate. */
export function initialState(plan: ValidPlan, now: number): Step {
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
  };
  return { state, emissions: [{ kind: 'started', stepIndex: 0, weight: first.weight }] };
}

function rollback(
  state: CanaryState,
  now: number,
  action: CanaryAction | null,
  details: RollbackDetails,
): Step {
  return {
    state: {
      ...state,
      phase: 'ROLLBACK',
      weight: 0,
      holdStartedAt: null,
      pausedAt: null,
      updatedAt: now,
      lastAction: action ?? state.lastAction,
      reason: details.reason,
      transitions: state.transitions + 1,
    },
    emissions: [
      // The completed event reports the weight the step ran at; the state's weight is already 0.
      { kind: 'completed', stepIndex: state.stepIndex, weight: state.weight, outcome: 'rolled_back' },
      { kind: 'rollback', stepIndex: state.stepIndex, reason: details.reason, observed: details.observed },
    ],
  };
}

const stay = (state: CanaryState, now: number, action: CanaryAction, reason: string): Step => ({
  state: { ...state, updatedAt: now, lastAction: action, reason },
  emissions: [],
});

function promote(plan: ValidPlan, state: CanaryState, now: number): Step {
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
 * any other phase. In DEPLOYMENT nothing else acts: the health gate has not opened. In MONITORING
 * `promote` advances one step once the hold has elapsed, `continue` stays, `hold`/`inconclusive`
 * pause. In PAUSED `promote`/`continue` resume with a fresh hold clock (the step must be held in
 * full without interruption), `hold`/`inconclusive` keep it paused.
 */
export function applyDecision(
  plan: ValidPlan,
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

/**
 * Applies the orchestrator's health gate. An active rollback signal rolls back from any
 * non-terminal phase (DEPLOYMENT→ROLLBACK, and a health breach during the canary). Without one,
 * DEPLOYMENT becomes MONITORING when every health check passes and starts the hold clock of step 0;
 * in other phases passing or not-yet-passing health changes nothing.
 */
export function applyHealth(
  state: CanaryState,
  healthOk: boolean,
  signal: CanaryRollbackSignal | true | undefined,
  now: number,
): Step {
  if (isTerminal(state)) return { state, emissions: [] };
  if (signal !== undefined)
    return rollback(state, now, null, signalRollback(signal, where(state), now - state.stepStartedAt));
  if (state.phase !== 'DEPLOYMENT') return { state: { ...state, updatedAt: now }, emissions: [] };
  if (!healthOk) {
    return {
      state: {
        ...state,
        updatedAt: now,
        reason: `waiting ${where(state)}: not every health check passes yet`,
      },
      emissions: [],
    };
  }
  return {
    state: {
      ...state,
      phase: 'MONITORING',
      holdStartedAt: now,
      updatedAt: now,
      reason: `every health check passes and no rollback signal is active; monitoring ${where(state)}`,
      transitions: state.transitions + 1,
    },
    emissions: [],
  };
}

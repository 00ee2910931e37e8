import type { Emission } from './events.js';
import type { RollbackDetails } from './rollback-reason.js';
import type { CanaryAction, CanaryState } from './types.js';

// What every transition shares: its result shape, how a step is named in reasons, and the one way
// to roll back (a rule decision, a rollback signal, failed health checks, a passed deadline).

/** A new state and what it emits. */
export interface Step {
  readonly state: CanaryState;
  readonly emissions: Emission[];
}

/** A weight as a reason writes it. */
export const pct = (weight: number): string => `${weight}%`;

/** The current step as a reason writes it: `at step 1 (25%)`. */
export const where = (state: CanaryState): string => `at step ${state.stepIndex} (${pct(state.weight)})`;

/** True for the phases nothing leaves. */
export const isTerminal = (state: CanaryState): boolean =>
  state.phase === 'ROLLBACK' || state.phase === 'PROMOTED';

/** ROLLBACK at weight 0, with `canary.completed` (rolled_back) and `rollback.requested`. */
export function rollback(
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

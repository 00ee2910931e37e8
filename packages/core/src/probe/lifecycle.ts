// Lifecycle: starting → started → draining → closed, only ever forward.
import type { LifecycleState } from './types.js';

const ORDER: Record<LifecycleState, number> = { starting: 0, started: 1, draining: 2, closed: 3 };

/** The state after moving to `target`; a move backwards (or to the same state) changes nothing. */
export function advance(current: LifecycleState, target: LifecycleState): LifecycleState {
  return ORDER[target] > ORDER[current] ? target : current;
}

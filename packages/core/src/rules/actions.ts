import type { RollbackAction } from './types.js';

/** Every action, best first; an action later in the list is worse (DESIGN "Semantics settled"). */
export const ROLLBACK_ACTIONS: readonly RollbackAction[] = [
  'promote',
  'continue',
  'hold',
  'inconclusive',
  'rollback',
  'block',
];

const RANK: Readonly<Record<RollbackAction, number>> = {
  promote: 0,
  continue: 1,
  hold: 2,
  inconclusive: 3,
  rollback: 4,
  block: 5,
};

/** Severity of an action: 0 for `promote` up to 5 for `block`. */
export function actionRank(action: RollbackAction): number {
  return RANK[action];
}

/** The worse of two actions. */
export function worseAction(a: RollbackAction, b: RollbackAction): RollbackAction {
  return RANK[b] > RANK[a] ? b : a;
}

/** True when the value is one of the six actions. */
export function isRollbackAction(value: unknown): value is RollbackAction {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

import type { ContractIssue } from '@rollgate/contract';
import type { CanaryResult, CanaryState } from './types.js';

/**
 * The state returned when the plan or the stored state cannot be trusted: ROLLBACK at weight 0,
 * the one state whose traffic is known to be safe. No events are built; `issues` says why.
 */
export function failSafe(now: number | undefined, issues: ContractIssue[]): CanaryResult {
  const at = now ?? 0;
  const first = issues[0];
  const state: CanaryState = {
    phase: 'ROLLBACK',
    stepIndex: 0,
    weight: 0,
    stepStartedAt: at,
    holdStartedAt: null,
    pausedAt: null,
    startedAt: at,
    updatedAt: at,
    lastAction: null,
    reason: `rolled back because the canary inputs cannot be trusted: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}`,
    transitions: 0,
    healthFailures: 0,
  };
  return { state, events: [], issues };
}

// A one-shot analysis (the CLI, each Argo or Flagger call) is one measurement. The evaluator tolerates a
// provider error until `consecutiveErrorLimit` errors in a row, counted across evaluations in its state;
// without that state a failed Prometheus would read as `continue`, which Argo Rollouts counts as success.
// So, unless the caller carries state and asks for the rules' counting, a provider error that the decision
// would otherwise pass over makes it inconclusive, naming the error: the controller's own limits count it.
import { actionRank, type RollbackDecision } from '@rollgate/core/rules';

/** How provider errors (failed or timed-out queries) weigh: `inconclusive` at once, or `count` by the rules' limits. */
export type ProviderErrorPolicy = 'inconclusive' | 'count';

/** The decision, made inconclusive when a query failed and the decision would otherwise be better. */
export function applyProviderErrorPolicy(
  decision: RollbackDecision,
  policy: ProviderErrorPolicy,
): RollbackDecision {
  if (policy === 'count' || actionRank(decision.action) >= actionRank('inconclusive')) return decision;
  const failed = decision.reasons.filter((r) => r.status === 'error' && !r.dryRun);
  if (failed.length === 0) return decision;
  const named = failed.map((r) => `${r.rule}: ${r.message}`).join('; ');
  return {
    ...decision,
    action: 'inconclusive',
    decidedBy: failed.map((r) => r.rule),
    summary: `inconclusive: the metrics provider failed (${named})`,
  };
}

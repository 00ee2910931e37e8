import { toEvents } from './events.js';
import { applyDecision } from './machine.js';
import { prepare } from './prepare.js';
import type {
  CanaryContext,
  CanaryDecisionInput,
  CanaryInstant,
  CanaryPlanLike,
  CanaryResult,
  CanaryState,
} from './types.js';
import { checkDecision } from './validate.js';

/**
 * Applies one rule decision to a canary (pure; `now` is passed in). A step advances only on
 * `promote` at or after its hold, one step per call; `continue` stays; `hold`/`inconclusive`
 * pause, and a later `promote`/`continue` resumes with the hold restarted; `rollback`/`block` go
 * to ROLLBACK at weight 0 at once; nothing leaves ROLLBACK or PROMOTED. Before the health gate
 * opens (DEPLOYMENT) only `rollback`/`block` act. A decision without a known action reads as
 * `inconclusive`. Events (`canary.completed`, `canary.started`, `rollback.requested`) need `context`.
 */
export function advanceCanary(
  plan: CanaryPlanLike,
  state: CanaryState,
  decision: CanaryDecisionInput,
  now: CanaryInstant,
  context?: CanaryContext,
): CanaryResult {
  const input = prepare(plan, state, now, context);
  if (!input.ok) return input.result;
  const { action, reasons, decidedBy, problems } = checkDecision(decision);
  const step = applyDecision(input.plan, input.state, action, reasons, decidedBy, input.now);
  return {
    state: step.state,
    events: toEvents(step.emissions, input.context, input.now),
    problems: [...input.problems, ...problems],
  };
}

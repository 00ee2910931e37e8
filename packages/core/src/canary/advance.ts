import type { ParseResult } from '@rollgate/contract';
import { toEvents } from './events.js';
import { applyDecision } from './machine.js';
import { type PlanInMs, readPlan } from './plan.js';
import { prepare } from './prepare.js';
import { readDecision } from './read-decision.js';
import type {
  CanaryContext,
  CanaryDecisionInput,
  CanaryInstant,
  CanaryResult,
  CanaryState,
} from './types.js';

/**
 * Applies one rule decision to a canary (pure; `now` is passed in). `plan` is a `CanaryPlan`
 * document, raw or parsed. A step advances only on `promote` at or after its hold, one step per
 * call; `continue` stays; `hold`/`inconclusive` pause, and a later `promote`/`continue` resumes with
 * the hold restarted; `rollback`/`block` go to ROLLBACK at weight 0 at once; nothing leaves ROLLBACK
 * or PROMOTED. Before the deployment is confirmed (DEPLOYMENT) only `rollback`/`block` act, and a
 * passed progress deadline rolls back. A decision without a known action reads as `inconclusive`.
 * Events (`canary.completed`, `canary.started`, `rollback.requested`) need `context`.
 */
export function advanceCanary(
  plan: unknown,
  state: CanaryState,
  decision: CanaryDecisionInput,
  now: CanaryInstant,
  context?: CanaryContext,
): CanaryResult {
  return advanceOnPlan(readPlan(plan), state, decision, now, context);
}

/** `advanceCanary` on a plan already read (a replay reads its plan once). */
export function advanceOnPlan(
  plan: ParseResult<PlanInMs>,
  state: unknown,
  decision: unknown,
  now: unknown,
  context: unknown,
): CanaryResult {
  const input = prepare(plan, state, now, context);
  if (!input.ok) return input.result;
  const { action, reasons, decidedBy, issues } = readDecision(decision);
  const step = applyDecision(input.plan, input.state, action, reasons, decidedBy, input.now);
  return {
    state: step.state,
    events: toEvents(step.emissions, input.context, input.now),
    issues: [...input.issues, ...issues],
  };
}

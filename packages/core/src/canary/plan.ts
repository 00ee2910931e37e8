import {
  CANARY_DEPLOYMENT_DEFAULTS,
  type CanaryPlan,
  type ContractIssue,
  type ParseResult,
  parseContract,
} from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';

// The plan is a contract document: the contract's CanaryPlan schema is its one reader. This file
// only turns the parsed plan's durations into milliseconds, once, and fills the documented defaults.

/** A plan read by the contract's schema, with durations in milliseconds and defaults filled in. */
export interface PlanInMs {
  /** The steps, in order; a step without `hold` advances on the first `promote`. */
  readonly steps: readonly { readonly weight: number; readonly holdMs: number }[];
  /** Limits of the DEPLOYMENT phase. */
  readonly deployment: {
    /** Longest time in DEPLOYMENT, from the start; past it the canary rolls back. */
    readonly progressDeadlineMs: number;
    /** Consecutive failed health observations past the grace that roll the canary back. */
    readonly failureThreshold: number;
    /** Time after the start during which failed health observations do not count. */
    readonly graceMs: number;
  };
}

// The schema has already checked every duration, so the fallback is never used.
const ms = (duration: string | undefined, fallback: string): number =>
  parseDuration(duration ?? fallback) ?? parseDuration(fallback) ?? 0;

/** Places an issue of the plan document under the argument it came from: `steps[0].hold` → `plan.steps[0].hold`. */
const underPlan = (issue: ContractIssue): ContractIssue => ({
  code: issue.code,
  path: issue.path === '' ? 'plan' : issue.path.startsWith('[') ? `plan${issue.path}` : `plan.${issue.path}`,
  message: issue.message,
});

/**
 * Reads a canary plan, raw (as loaded from YAML or JSON) or already parsed, with
 * `parseContract('canary-plan', …)`. A plan that fails the schema gives its issues, with paths under `plan`.
 */
export function readPlan(plan: unknown): ParseResult<PlanInMs> {
  const parsed = parseContract('canary-plan', plan);
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map(underPlan) };
  const value: CanaryPlan = parsed.value;
  const limits = value.deployment ?? {};
  const defaults = CANARY_DEPLOYMENT_DEFAULTS;
  return {
    ok: true,
    value: {
      steps: value.steps.map((step) => ({ weight: step.weight, holdMs: ms(step.hold, '0s') })),
      deployment: {
        progressDeadlineMs: ms(limits.progressDeadline, defaults.progressDeadline),
        failureThreshold: limits.failureThreshold ?? defaults.failureThreshold,
        graceMs: ms(limits.grace, defaults.grace),
      },
    },
  };
}

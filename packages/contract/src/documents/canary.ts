// The canary plan: the steps a canary walks through and how long it may wait in DEPLOYMENT.
import { z } from 'zod';
import { Duration, Name, SchemaVersion } from '../primitives/schemas.js';

/** One canary step: traffic weight in percent and how long to hold it before advancing. */
export const CanaryStep = z.strictObject({
  weight: z.number().int().min(0).max(100),
  hold: Duration.optional(),
});
/** One canary step. */
export type CanaryStep = z.infer<typeof CanaryStep>;

/**
 * Defaults of a plan's `deployment` limits: the heartbeat's failure threshold and grace of the
 * deployment → observability contract, and Argo Rollouts' 10-minute progress deadline.
 */
export const CANARY_DEPLOYMENT_DEFAULTS = Object.freeze({
  progressDeadline: '10m',
  failureThreshold: 3,
  grace: '30s',
} as const);

/**
 * How long a canary may wait in DEPLOYMENT for its health checks: it rolls back once the progress
 * deadline has passed, or after `failureThreshold` consecutive failed health observations past the grace.
 */
export const CanaryDeployment = z.strictObject({
  progressDeadline: Duration.optional().meta({
    default: CANARY_DEPLOYMENT_DEFAULTS.progressDeadline,
    description: 'longest time in DEPLOYMENT, from the start; later, the canary rolls back',
  }),
  failureThreshold: z.number().int().min(1).max(1000).optional().meta({
    default: CANARY_DEPLOYMENT_DEFAULTS.failureThreshold,
    description: 'consecutive failed health observations past the grace that roll the canary back',
  }),
  grace: Duration.optional().meta({
    default: CANARY_DEPLOYMENT_DEFAULTS.grace,
    description: 'time after the start during which failed health observations do not count',
  }),
});
/** How long a canary may wait in DEPLOYMENT for its health checks. */
export type CanaryDeployment = z.infer<typeof CanaryDeployment>;

/** Canary plan: ordered steps with non-decreasing weights (default 10 → 25 → 50 → 100, 5 m each). */
export const CanaryPlan = z.strictObject({
  schema_version: SchemaVersion.optional(),
  name: Name.optional(),
  steps: z
    .array(CanaryStep)
    .min(1, 'a canary plan needs at least one step')
    .max(100)
    .refine(
      (steps) => steps.every((s, i) => i === 0 || s.weight >= steps[i - 1]!.weight),
      'step weights must not decrease',
    ),
  deployment: CanaryDeployment.optional(),
});
/** Canary plan. */
export type CanaryPlan = z.infer<typeof CanaryPlan>;

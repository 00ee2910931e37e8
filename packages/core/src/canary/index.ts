// Canary progression: a pure state machine over a plan's steps, driven by rule decisions and the
// deployment's health observations, emitting the contract's telemetry events.
export { advanceCanary } from './advance.js';
export { CANARY_ISSUE_CODES, type CanaryIssueCode } from './codes.js';
export { confirmDeployment } from './confirm-deployment.js';
export { DEFAULT_CANARY_PLAN } from './default-plan.js';
export { type ReplayOptions, type ReplayResult, replayCanary } from './replay.js';
export {
  DEFAULT_ROLLBACK_METRIC,
  HEALTH_FAILURES_METRIC,
  PROGRESS_DEADLINE_METRIC,
} from './rollback-reason.js';
export { startCanary } from './start.js';
export type {
  CanaryAction,
  CanaryContext,
  CanaryDecisionInput,
  CanaryInstant,
  CanaryLogEntry,
  CanaryPhase,
  CanaryReasonLike,
  CanaryResult,
  CanaryRollbackSignal,
  CanaryState,
  DeploymentHealth,
} from './types.js';

// Canary progression: a pure state machine over a plan's steps, driven by rule decisions and the
// orchestrator's health gate, emitting the contract's telemetry events.
export { advanceCanary } from './advance.js';
export { DEFAULT_CANARY_PLAN } from './default-plan.js';
export { healthGate } from './health-gate.js';
export { type ReplayOptions, type ReplayResult, replayCanary } from './replay.js';
export { DEFAULT_ROLLBACK_METRIC } from './rollback-reason.js';
export { startCanary } from './start.js';
export type {
  CanaryAction,
  CanaryContext,
  CanaryDecisionInput,
  CanaryInstant,
  CanaryLogEntry,
  CanaryPhase,
  CanaryPlanLike,
  CanaryProblem,
  CanaryReasonLike,
  CanaryResult,
  CanaryRollbackSignal,
  CanaryState,
  HealthGateInput,
} from './types.js';

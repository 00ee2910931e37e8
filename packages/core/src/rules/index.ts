// Rollback-rule evaluator: pure functions from rules + samples + now to a RollbackDecision.
export { actionRank, isRollbackAction, ROLLBACK_ACTIONS, worseAction } from './actions.js';
export { ROLLBACK_ERROR_CODES, type RollbackErrorCode } from './codes.js';
export { RULE_DEFAULTS, SLO_30D_BURN_WINDOWS } from './compile.js';
export { evaluateRollback } from './evaluate.js';
export {
  CANARY_ERROR_RATE_EXCEEDS_THRESHOLD,
  CONTRACT_DEFAULT_RULES,
  HEALTHCHECK_FAILURE_BREACH,
  healthcheckFailureBreach,
  PRESET_METRICS,
  ROLLBACK_PRESETS,
} from './presets.js';
export {
  ROLLBACK_REQUESTED_TOPIC,
  type RollbackEventContext,
  type RollbackEventError,
  type RollbackEventResult,
  toRollbackRequested,
} from './rollback-event.js';
export type {
  EvaluateRollbackInput,
  PairedSeries,
  ProviderError,
  ReasonMargin,
  ReasonStatus,
  RollbackAction,
  RollbackDecision,
  RollbackInputError,
  RollbackState,
  RuleCounters,
  RuleKind,
  RuleReason,
  Sample,
  SampleColumns,
  SampleSource,
  SeriesInput,
} from './types.js';

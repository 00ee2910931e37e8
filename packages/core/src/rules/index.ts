// Rollback-rule evaluator: pure functions from rules + samples + now to a RollbackDecision.
export { ROLLBACK_RULE_DEFAULTS } from '@rollgate/contract';
export { actionRank, isRollbackAction, ROLLBACK_ACTIONS, worseAction } from './actions.js';
export { ROLLBACK_ISSUE_CODES, type RollbackIssueCode } from './codes.js';
export { SLO_30D_BURN_WINDOWS } from './compile.js';
export { type CompiledRules, compileRules } from './compiled-rules.js';
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
  RollbackState,
  RuleCounters,
  RuleKind,
  RuleReason,
  Sample,
  SampleColumns,
  SampleSource,
  SeriesInput,
} from './types.js';

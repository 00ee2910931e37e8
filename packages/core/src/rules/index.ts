// Rollback-rule evaluator: pure functions from rules + samples + now to a RollbackDecision.
export { actionRank, isRollbackAction, ROLLBACK_ACTIONS, worseAction } from './actions.js';
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

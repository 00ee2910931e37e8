import type { RollbackRules } from '@rollgate/contract';
import type { RollbackAction, RollbackDecision, SeriesInput } from '@rollgate/core/rules';

/** One decision of the timeline: what the rules said at an instant. */
export interface ReportTimelinePoint {
  /** Evaluation instant, epoch ms. */
  t: number;
  /** The decision then. */
  action: RollbackAction;
}

/** One canary weight step: from `t` on, the canary took `weight` percent of traffic. */
export interface ReportWeightStep {
  /** When the step began, epoch ms. */
  t: number;
  /** Traffic percentage, 0..100. */
  weight: number;
  /** The canary phase then (`PROGRESSING`, `ROLLBACK`, …), when known. */
  phase?: string;
}

/** What `renderReport` draws. */
export interface ReportInput {
  /** The rule set as the contract parsed it. */
  rules: RollbackRules;
  /** The samples the decision was made from. */
  series: SeriesInput;
  /** The decision being reviewed. */
  decision: RollbackDecision;
  /** The canary's weight steps, drawn on the decision timeline. */
  canary?: { steps: readonly ReportWeightStep[] };
  /** Earlier decisions, drawn as the decision timeline (the final decision is always drawn). */
  timeline?: readonly ReportTimelinePoint[];
  /** Page title (default: the rule set's name). */
  title?: string;
  /** Where the samples came from (a file, a Prometheus URL), shown under the title. */
  source?: string;
}

// The JSON an analysis answers with: Argo Rollouts' web provider reads `{$.decision}`; people read the rest.
import type { AnalysisResult } from '../analysis/run.js';

/** The body of a decided analysis. */
export interface AnalysisAnswer {
  /** `promote | continue | hold | inconclusive | rollback | block`. */
  decision: string;
  /** One plain-English sentence. */
  summary: string;
  /** One reason per rule: rule, metric, status, observed value, threshold, window, message. */
  reasons: unknown[];
  /** Rules whose verdict is the decision. */
  decidedBy: string[];
  /** `sha256:` over the rules, the samples and `now`. */
  inputHash: string | null;
  /** The evaluation instant, RFC 3339 UTC. */
  evaluatedAt: string | null;
  /** Each query's outcome (metric, side, outcome, error, samples, durationMs); the PromQL stays in the server. */
  queries: {
    metric: string;
    side: string;
    outcome: string;
    error: string | null;
    samples: number;
    durationMs: number;
  }[];
}

/** Builds the answer body from a decided analysis (`result.decision` is set). */
export function analysisAnswer(result: AnalysisResult): AnalysisAnswer {
  const decision = result.decision!;
  return {
    decision: decision.action,
    summary: decision.summary,
    reasons: decision.reasons,
    decidedBy: decision.decidedBy,
    inputHash: decision.inputHash,
    evaluatedAt: decision.evaluatedAt === null ? null : new Date(decision.evaluatedAt).toISOString(),
    queries: result.queries.map((q) => ({
      metric: q.metric,
      side: q.side,
      outcome: q.outcome,
      error: q.error,
      samples: q.samples,
      durationMs: Math.round(q.durationMs * 10) / 10,
    })),
  };
}

/** Flagger's webhooks pass on 2xx: only a decision that lets the canary go on passes. */
export function flaggerStatus(decision: string): 200 | 412 {
  return decision === 'promote' || decision === 'continue' ? 200 : 412;
}

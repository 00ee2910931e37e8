// `analyze --prometheus`: the queries file read with the contract, then the analysis run against Prometheus
// (range queries over each rule's window), with progress on a terminal only.
import type { CanaryPlan, RollbackRules } from '@rollgate/contract';
import { runAnalysis } from '../analysis/index.js';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import type { CliIo } from '../output/io.js';
import { issueLine } from '../output/issues.js';
import { createProgress } from '../output/progress.js';
import { styleFor } from '../output/style.js';
import { decisionTimeline, type Evaluated } from './analyze-samples.js';

/** What `analyzeWithPrometheus` needs. */
export interface PrometheusAnalyzeInput {
  /** Parsed rules. */
  rules: RollbackRules;
  /** Absolute path of the metric-queries file. */
  queriesFile: string;
  /** The queries file as the user wrote it, for messages. */
  queriesName: string;
  /** Prometheus base URL. */
  url: string;
  /** Evaluation instant, epoch ms. */
  now: number;
  /** `{{name}}` values. */
  vars: Record<string, string>;
  /** Range-query step, ms. */
  stepMs?: number;
  /** Per-query timeout, ms. */
  timeoutMs?: number;
  /** Canary plan the report's timeline replays. */
  plan?: CanaryPlan;
  /** Where to print. */
  io: CliIo;
}

/** Runs the analysis against Prometheus; null (after printing every issue) when the input cannot be judged. */
export async function analyzeWithPrometheus(input: PrometheusAnalyzeInput): Promise<Evaluated | null> {
  const { io } = input;
  const err = styleFor(io.stderr, io);
  // Read as data only: runAnalysis reads it with the contract and names the file on each issue.
  const queries = await readDataFile(input.queriesFile, { maxBytes: DOCUMENT_MAX_BYTES });
  if (!queries.ok) {
    for (const issue of queries.issues)
      io.stderr.write(`${err.bad('rollgate analyze:')} ${issueLine(input.queriesName, issue)}\n`);
    return null;
  }
  const progress = createProgress(io.stderr, io);
  try {
    const result = await runAnalysis({
      rules: input.rules,
      queries: queries.value,
      prometheus: {
        url: input.url,
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
        ...(input.stepMs !== undefined ? { step: input.stepMs } : {}),
      },
      now: input.now,
      vars: input.vars,
      onProgress: (p) =>
        progress.update({ done: p.done, total: p.total, label: `${p.query.metric} (${p.query.side})` }),
      files: { queries: input.queriesName },
    });
    // Input mistakes (an unknown variable, a metric the file lacks) are found before any query: nothing to judge.
    if (result.decision === null) {
      for (const issue of result.issues)
        io.stderr.write(
          `${err.bad('rollgate analyze:')} ${issueLine(issue.file ?? input.queriesName, issue)}\n`,
        );
      return null;
    }
    const timeline = decisionTimeline(input.rules, result.series, input.now, input.plan);
    return { decision: result.decision, series: result.series, issues: result.decision.issues, timeline };
  } finally {
    progress.done();
  }
}

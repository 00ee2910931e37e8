// runAnalysis: rules + metric-queries + Prometheus → a rollback decision. Input mistakes are issues found before
// any query; Prometheus' failures are provider errors the evaluator weighs (never a crash, never a promote).
import type { ContractIssue } from '@rollgate/contract';
import { describeValue, rejectUnknownOptions } from '@rollgate/contract/errors';
import {
  evaluateRollback,
  type RollbackDecision,
  type RollbackState,
  type Sample,
  type SampleSource,
  type SeriesInput,
} from '@rollgate/core/rules';
import { type QueryOutcome, queryRange } from '../prometheus/range-query.js';
import { ANALYSIS_ISSUE_CODES } from './codes.js';
import { analysisError } from './errors.js';
import { checkAnalysisFiles } from './files-option.js';
import { type PrometheusOptions, resolvePrometheus } from './options.js';
import { type AnalysisFiles, type PreparedAnalysis, prepareAnalysis } from './plan.js';
import { mapLimit } from './pool.js';
import { applyProviderErrorPolicy, type ProviderErrorPolicy } from './provider-errors.js';
import { fillQuery, resolveVariables } from './variables.js';
import { stepFor } from './windows.js';

/** Which side of a metric a query reads. */
export type QuerySide = 'canary' | 'baseline';

/** One query as it ran: what was asked, how it ended, how long it took. */
export interface QueryRecord {
  /** Metric the query feeds. */
  metric: string;
  /** Canary or baseline. */
  side: QuerySide;
  /** The PromQL sent, variables filled. */
  query: string;
  /** Range start, epoch ms. */
  start: number;
  /** Range end (`now`), epoch ms. */
  end: number;
  /** Resolution, ms. */
  stepMs: number;
  /** `ok` or the kind of failure. */
  outcome: QueryOutcome;
  /** The provider error handed to the evaluator, when the query failed. */
  error: string | null;
  /** Samples returned. */
  samples: number;
  /** Wall time of the query, ms. */
  durationMs: number;
}

/** Progress of an analysis: called after each query settles. */
export interface AnalysisProgress {
  /** Queries settled so far. */
  done: number;
  /** Queries in all. */
  total: number;
  /** The query that just settled. */
  query: QueryRecord;
}

/** Options of {@link runAnalysis}. Give `rules` and `queries`, or `prepared` (from `prepareAnalysis`). */
export interface RunAnalysisOptions {
  /** A rollback-rules document (or bare array of rules). */
  rules?: unknown;
  /** A metric-queries document. */
  queries?: unknown;
  /** Rules and queries read once by `prepareAnalysis` (a server evaluating every minute). */
  prepared?: PreparedAnalysis;
  /** Where Prometheus is and how to ask it. */
  prometheus: PrometheusOptions;
  /** Evaluation instant: epoch ms, a Date or an RFC 3339 timestamp (default: the current time). */
  now?: number | Date | string;
  /** Values of the queries' `{{name}}` variables (undeclared names are ignored: they may be meant for others). */
  vars?: Readonly<Record<string, string>>;
  /** State returned by the previous decision, for Argo-style limits across evaluations. */
  state?: RollbackState;
  /**
   * How a failed query weighs: `inconclusive` (default) makes a decision that would pass over it inconclusive
   * at once — one call is one measurement, the controller counts them; `count` leaves it to the rules'
   * `consecutiveErrorLimit`, counted across calls in `state`.
   */
  providerErrors?: ProviderErrorPolicy;
  /** Queries in flight at once (default 4). */
  concurrency?: number;
  /** Aborts every query still running (a request's deadline); they become provider errors. */
  signal?: AbortSignal;
  /** Called after each query settles (a progress display). */
  onProgress?: (progress: AnalysisProgress) => void;
  /** File names to put on issues (`file: path: message`). */
  files?: AnalysisFiles;
}

/** What {@link runAnalysis} found. */
export interface AnalysisResult {
  /** The evaluator's decision; null when input issues kept every query from running. */
  decision: RollbackDecision | null;
  /** The samples the evaluator judged, by metric (`{ canary, baseline }` for compared metrics; `{ error }` for a failed query). */
  series: Record<string, SampleSource | { canary: SampleSource; baseline: SampleSource }>;
  /** Input mistakes, found before any query (empty when `decision` is set). */
  issues: ContractIssue[];
  /** Every query run, in plan order. */
  queries: QueryRecord[];
}

const RUN_OPTION_KEYS = Object.keys({
  rules: true,
  queries: true,
  prepared: true,
  prometheus: true,
  now: true,
  vars: true,
  state: true,
  providerErrors: true,
  concurrency: true,
  signal: true,
  onProgress: true,
  files: true,
} satisfies Record<keyof RunAnalysisOptions, true>);

const DEFAULT_CONCURRENCY = 4;

/** Reads `now` as epoch ms, or null when it is not an instant. */
export function readNow(now: number | Date | string | undefined): number | null {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : typeof now === 'string' ? Date.parse(now) : now;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
}

function toSamples(columns: { t: ArrayLike<number>; value: ArrayLike<number | null> }): Sample[] {
  const out: Sample[] = new Array(columns.t.length);
  for (let i = 0; i < columns.t.length; i++) out[i] = { t: columns.t[i]!, value: columns.value[i] ?? null };
  return out;
}

interface PlannedQuery {
  metric: string;
  side: QuerySide;
  query: string;
  start: number;
  end: number;
  stepMs: number;
}

/**
 * Runs every query the rules need (a range query over each rule's window ending at `now`, at most
 * `concurrency` at a time) and evaluates the rules with `evaluateRollback`. Input mistakes — rules, queries,
 * a metric without a query, a variable without a value or with an unsafe one, a bad `now` — come back as
 * `issues` with `decision: null`, before any query. A failed, timed-out or oversized query is the evaluator's
 * provider error for that metric; an empty result is no data. Throws only for options a host wrote wrong.
 */
export async function runAnalysis(options: RunAnalysisOptions): Promise<AnalysisResult> {
  if (typeof options !== 'object' || options === null)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      'runAnalysis',
      'options',
      'an object',
      describeValue(options),
    );
  rejectUnknownOptions(options, RUN_OPTION_KEYS, 'runAnalysis');
  checkAnalysisFiles(options.files, 'runAnalysis');
  const prometheus = resolvePrometheus(options.prometheus, 'runAnalysis');
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (
    options.providerErrors !== undefined &&
    options.providerErrors !== 'inconclusive' &&
    options.providerErrors !== 'count'
  )
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      'runAnalysis',
      'providerErrors',
      '"inconclusive" or "count"',
      describeValue(options.providerErrors),
    );
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      'runAnalysis',
      'concurrency',
      'an integer in 1..64',
      describeValue(concurrency),
    );
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      'runAnalysis',
      'onProgress',
      'a function',
      describeValue(options.onProgress),
    );

  const empty = (issues: ContractIssue[]): AnalysisResult => ({
    decision: null,
    series: {},
    issues,
    queries: [],
  });
  let prepared = options.prepared;
  if (prepared === undefined) {
    const read = prepareAnalysis(options.rules, options.queries, options.files);
    if (!read.ok) return empty(read.issues);
    prepared = read.value;
  }
  const issues: ContractIssue[] = [];
  const now = readNow(options.now);
  if (now === null)
    issues.push({
      code: ANALYSIS_ISSUE_CODES.NOW_INVALID,
      path: 'now',
      message: `expected epoch milliseconds or an RFC 3339 timestamp, got ${describeValue(options.now)}`,
    });
  const variables = resolveVariables(prepared, options.vars ?? {});
  if (!variables.ok) issues.push(...variables.issues);
  if (now === null || !variables.ok) return empty(issues);

  const planned: PlannedQuery[] = [];
  for (const plan of prepared.metrics) {
    const stepMs = stepFor(plan.rangeMs, prometheus.stepMs);
    // One step of history before the window: a `for` run that began just before it is seen, and the
    // window's first instant is covered.
    const start = now - plan.rangeMs - stepMs;
    planned.push({
      metric: plan.metric,
      side: 'canary',
      query: fillQuery(plan.canary, variables.value),
      start,
      end: now,
      stepMs,
    });
    if (plan.baseline !== null)
      planned.push({
        metric: plan.metric,
        side: 'baseline',
        query: fillQuery(plan.baseline, variables.value),
        start,
        end: now,
        stepMs,
      });
  }

  const target = {
    url: prometheus.url,
    timeoutMs: prometheus.timeoutMs,
    maxBytes: prometheus.maxBytes,
    headers: prometheus.headers,
    fetch: prometheus.fetch,
  };
  let done = 0;
  const sources = new Map<string, SampleSource>();
  const records = await mapLimit(planned, concurrency, async (q) => {
    const result = await queryRange(
      target,
      { query: q.query, start: q.start, end: q.end, stepMs: q.stepMs },
      options.signal,
    );
    const source: SampleSource = result.ok ? toSamples(result.series) : { error: result.error };
    sources.set(`${q.side}\0${q.metric}`, source);
    const record: QueryRecord = {
      ...q,
      outcome: result.outcome,
      error: result.ok ? null : result.error,
      samples: result.ok ? result.series.t.length : 0,
      durationMs: result.durationMs,
    };
    done++;
    options.onProgress?.({ done, total: planned.length, query: record });
    return record;
  });

  const series: AnalysisResult['series'] = {};
  for (const plan of prepared.metrics) {
    const canary = sources.get(`canary\0${plan.metric}`)!;
    series[plan.metric] =
      plan.baseline === null ? canary : { canary, baseline: sources.get(`baseline\0${plan.metric}`)! };
  }
  const evaluated = evaluateRollback({
    rules: prepared.rules,
    series: series as SeriesInput,
    now,
    ...(options.state === undefined ? {} : { state: options.state }),
  });
  const decision = applyProviderErrorPolicy(evaluated, options.providerErrors ?? 'inconclusive');
  return { decision, series, issues: [], queries: records };
}

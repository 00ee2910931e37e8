// From the rules and the metric-queries document to the queries an analysis runs: one entry per metric a rule
// reads (a traffic-weighted burn rate's `errors` and `requests` series included), with the history it needs and
// whether a baseline is read too. Every mismatch between the two documents is an issue here, before any query.
import {
  type ContractIssue,
  formatPath,
  type MetricQueries,
  parseContract,
  queryPlaceholders,
} from '@rollgate/contract';
import { type CompiledRules, compileRules } from '@rollgate/core/rules';
import { ANALYSIS_ISSUE_CODES } from './codes.js';
import { ruleRangeMs } from './windows.js';

/** What one metric needs from Prometheus. */
export interface MetricPlan {
  /** Metric name, as the rules and the queries document spell it. */
  readonly metric: string;
  /** History to read, ms, ending at `now` (the longest any rule reading it needs). */
  readonly rangeMs: number;
  /** PromQL of the canary, placeholders unfilled. */
  readonly canary: string;
  /** PromQL of the baseline when a rule compares canary with baseline, else null. */
  readonly baseline: string | null;
  /** Ids of the rules that read this metric. */
  readonly rules: readonly string[];
}

/** Rules and queries read, checked against each other and compiled once: run it with `runAnalysis`. */
export interface PreparedAnalysis {
  /** The compiled rules (what `evaluateRollback` takes). */
  readonly rules: CompiledRules;
  /** The metric-queries document as the contract parsed it. */
  readonly queries: Readonly<MetricQueries>;
  /** One entry per metric a rule reads, in rule order. */
  readonly metrics: readonly MetricPlan[];
  /** Declared variables the planned queries use, each once. */
  readonly variables: readonly string[];
}

const PAIRED_KINDS = new Set(['baseline_ratio', 'mann_whitney']);

function withFile(issues: readonly ContractIssue[], file: string | undefined): ContractIssue[] {
  return issues.map((i) => (file === undefined ? i : { ...i, file }));
}

/** Where each document came from, so issues name the file (`file: path: message`). */
export interface AnalysisFiles {
  /** File of the rollback rules. */
  rules?: string;
  /** File of the metric-queries document. */
  queries?: string;
}

/**
 * Reads the rules (`rollback-rules`) and queries (`metric-queries`) with the contract and checks them against
 * each other: every metric a rule reads needs a query, and a `baseline_ratio` or `mann_whitney` rule needs
 * its metric's `baseline` query. Returns every issue at once, or the plan. Never throws.
 */
export function prepareAnalysis(rules: unknown, queries: unknown, files: AnalysisFiles = {}) {
  const compiled = compileRules(rules);
  const parsed = parseContract('metric-queries', queries);
  const issues: ContractIssue[] = [];
  if (!compiled.ok) issues.push(...withFile(compiled.issues, files.rules));
  if (!parsed.ok) issues.push(...withFile(parsed.issues, files.queries));
  if (!compiled.ok || !parsed.ok) return { ok: false as const, issues };

  const byMetric = new Map<string, { rangeMs: number; paired: boolean; rules: string[] }>();
  for (const rule of compiled.value.document.rules) {
    const rangeMs = ruleRangeMs(rule);
    const need = (metric: string, paired: boolean) => {
      const entry = byMetric.get(metric) ?? { rangeMs: 0, paired: false, rules: [] };
      entry.rangeMs = Math.max(entry.rangeMs, rangeMs);
      entry.paired ||= paired;
      if (!entry.rules.includes(rule.id)) entry.rules.push(rule.id);
      byMetric.set(metric, entry);
    };
    need(rule.metric, PAIRED_KINDS.has(rule.kind));
    // A traffic-weighted burn rate reads its counts too; without them it would fall back to the ratio series.
    if (rule.kind === 'burn_rate' && rule.errors !== undefined && rule.requests !== undefined) {
      need(rule.errors, false);
      need(rule.requests, false);
    }
  }

  const metrics: MetricPlan[] = [];
  const variables: string[] = [];
  const use = (text: string) => {
    for (const name of queryPlaceholders(text).names) if (!variables.includes(name)) variables.push(name);
  };
  for (const [metric, need] of byMetric) {
    const query = Object.hasOwn(parsed.value.queries, metric) ? parsed.value.queries[metric] : undefined;
    const ruleList = need.rules.map((id) => `"${id}"`).join(', ');
    if (query === undefined) {
      issues.push({
        code: ANALYSIS_ISSUE_CODES.QUERY_MISSING,
        path: formatPath(['queries', metric]),
        message: `rule ${ruleList} reads ${metric}, which has no query here; add queries.${metric}.canary`,
        ...(files.queries === undefined ? {} : { file: files.queries }),
      });
      continue;
    }
    if (need.paired && query.baseline === undefined) {
      issues.push({
        code: ANALYSIS_ISSUE_CODES.BASELINE_QUERY_MISSING,
        path: formatPath(['queries', metric, 'baseline']),
        message: `rule ${ruleList} compares canary with baseline on ${metric}; add its baseline query`,
        ...(files.queries === undefined ? {} : { file: files.queries }),
      });
      continue;
    }
    const baseline = need.paired ? (query.baseline ?? null) : null;
    use(query.canary);
    if (baseline !== null) use(baseline);
    metrics.push({ metric, rangeMs: need.rangeMs, canary: query.canary, baseline, rules: need.rules });
  }
  if (issues.length > 0) return { ok: false as const, issues };
  const value: PreparedAnalysis = { rules: compiled.value, queries: parsed.value, metrics, variables };
  return { ok: true as const, value };
}

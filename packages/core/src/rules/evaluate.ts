// evaluateRollback: every rule is evaluated (no short-circuit), each gives one reason and a verdict, and the
// worst verdict of the enforced (non-dry-run) rules is the decision. Pure: the clock is `now`, the memory of
// earlier evaluations is `state`, and nothing is thrown — bad input comes back as `issues`.
import type { ContractIssue } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';
import { canonicalJson } from '../evaluator-kit/canonical-json.js';
import { unknownKeyIssues } from '../evaluator-kit/unknown-keys.js';
import { worseAction } from './actions.js';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import type { CompiledRule } from './compile.js';
import { isCompiledRules } from './compiled-rules.js';
import { baseFinding, type EvalContext, type Finding } from './finding.js';
import { hashInputs } from './hash.js';
import { evaluateBaselineRatio } from './kinds/baseline-ratio.js';
import { evaluateBurnRate } from './kinds/burn-rate.js';
import { evaluateCount } from './kinds/count.js';
import { evaluateMannWhitney } from './kinds/mann-whitney.js';
import { evaluateThreshold } from './kinds/threshold.js';
import { type InvalidRule, type RuleSet, readRules } from './read-rules.js';
import { SeriesCache } from './series.js';
import { emptyState, readState } from './state.js';
import type {
  EvaluateRollbackInput,
  RollbackAction,
  RollbackDecision,
  RollbackState,
  RuleReason,
} from './types.js';
import { decideVerdict } from './verdict.js';

function evaluateKind(rule: CompiledRule, ctx: EvalContext): Finding {
  switch (rule.kind) {
    case 'threshold':
      return evaluateThreshold(rule, ctx);
    case 'baseline_ratio':
      return evaluateBaselineRatio(rule, ctx);
    case 'count':
      return evaluateCount(rule, ctx);
    case 'burn_rate':
      return evaluateBurnRate(rule, ctx);
    case 'mann_whitney':
      return evaluateMannWhitney(rule, ctx);
  }
}

function readNow(now: unknown, issues: ContractIssue[]): number | null {
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms === 'number' && Number.isFinite(ms)) return ms;
  issues.push({
    code: ROLLBACK_ISSUE_CODES.NOW_INVALID,
    path: 'now',
    message: 'now must be epoch milliseconds or a valid Date',
  });
  return null;
}

// Compiled rules were read once already; anything else is read with the contract now.
function rulesOf(rules: unknown, issues: ContractIssue[]): RuleSet {
  if (isCompiledRules(rules))
    return { rules: [...rules.rules], documentInvalid: false, issues: [], document: rules.document };
  const set = readRules(rules);
  issues.push(...set.issues);
  return set;
}

// Reasons are plain JSON: non-finite numbers become null and -0 becomes 0 (JSON cannot tell them apart).
function plain(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

// Two sources copied key by key: an object spread of these shapes takes V8's slow path on every call.
function plainDetails(...sources: Record<string, number | string | boolean | null>[]) {
  const out: Record<string, number | string | boolean | null> = {};
  for (const details of sources)
    for (const key of Object.keys(details)) {
      const value = details[key]!;
      out[key] = typeof value === 'number' ? plain(value) : value;
    }
  return out;
}

function reasonOf(
  rule: { id: string; kind: string; metric: string; dryRun: boolean },
  finding: Finding,
  verdict: RollbackAction | null,
  note: string | null,
  extra: Record<string, number | string | boolean | null>,
): RuleReason {
  return {
    rule: rule.id,
    kind: rule.kind,
    metric: rule.metric,
    status: finding.status,
    verdict,
    observed: plain(finding.observed),
    op: finding.op,
    threshold: plain(finding.threshold),
    window: finding.window,
    samples: finding.samples,
    coverage: plain(finding.coverage) ?? 0,
    since: plain(finding.since),
    margin: { value: plain(finding.margin.value), remainingMs: plain(finding.margin.remainingMs) },
    dryRun: rule.dryRun,
    message: `${rule.dryRun ? '[dry run] ' : ''}${finding.message}${note ? ` (${note}.)` : ''}`,
    details: plainDetails(finding.details, extra),
  };
}

function invalidReason(rule: InvalidRule): RuleReason {
  const finding = baseFinding(
    { window: null },
    'invalid',
    `rule cannot be evaluated: ${rule.problems.join('; ')}.`,
  );
  return reasonOf(rule, finding, 'inconclusive', null, {});
}

function unevaluatedReason(rule: CompiledRule | InvalidRule): RuleReason {
  if ('problems' in rule) return invalidReason(rule);
  const finding = baseFinding(rule, 'invalid', 'rule not evaluated: now is not a valid instant.');
  return reasonOf(rule, finding, 'inconclusive', null, {});
}

function summarize(
  action: RollbackAction,
  reasons: RuleReason[],
  decidedBy: string[],
  enforced: number,
): string {
  const deciding = reasons.filter((r) => decidedBy.includes(r.rule));
  const first = deciding[0];
  switch (action) {
    case 'promote':
      return `promote: all ${enforced} enforced rule${enforced === 1 ? '' : 's'} passed with full evidence.`;
    case 'continue':
      if (deciding.every((r) => r.status === 'pending')) {
        return `continue: nothing breached, but ${deciding.length} rule${deciding.length === 1 ? ' is' : 's are'} still gathering evidence (${decidedBy.join(', ')}).`;
      }
      return `continue: ${decidedBy.join(', ')} — ${first?.message ?? ''}${deciding.length > 1 ? ` (and ${deciding.length - 1} more)` : ''}`;
    default:
      if (!first) return `${action}: no enforced rule produced a measurement, so nothing can be promoted.`;
      return `${action}: ${decidedBy.join(', ')} — ${first.message}${deciding.length > 1 ? ` (and ${deciding.length - 1} more)` : ''}`;
  }
}

function failedDecision(
  issues: ContractIssue[],
  state: RollbackState,
  evaluatedAt: number | null,
  inputHash: string | null,
  reasons: RuleReason[] = [],
): RollbackDecision {
  return {
    action: 'inconclusive',
    reasons,
    decidedBy: [],
    state,
    inputHash,
    evaluatedAt,
    issues,
    summary: `inconclusive: the input cannot be evaluated (${issues.map((e) => e.message).join('; ')}).`,
  };
}

function safeHash(
  rules: unknown,
  series: SeriesCache,
  now: number | null,
  issues: ContractIssue[],
): string | null {
  try {
    // Compiled rules carry the canonical JSON of the input they were compiled from: the same hash as raw input.
    const rulesJson = isCompiledRules(rules) ? rules.rulesJson : canonicalJson(rules);
    return hashInputs(rulesJson, series, now);
  } catch (error) {
    issues.push({
      code: ROLLBACK_ISSUE_CODES.EVALUATION_FAILED,
      path: '',
      message: `inputs could not be hashed: ${errorMessage(error)}`,
    });
    return null;
  }
}

/**
 * Decides, from rules, samples and `now`, whether a canary is promoted, continues, holds, is inconclusive,
 * rolled back or blocked. Pure and deterministic: the same input (and state) always gives the same decision.
 */
export function evaluateRollback(input: EvaluateRollbackInput): RollbackDecision {
  const issues: ContractIssue[] = [];
  const raw: Partial<Record<keyof EvaluateRollbackInput, unknown>> =
    typeof input === 'object' && input !== null ? input : {};
  try {
    return evaluate(raw, issues);
  } catch (error) {
    // Unreachable by design; kept so a bug becomes an inconclusive decision rather than a crashed controller.
    issues.push({
      code: ROLLBACK_ISSUE_CODES.EVALUATION_FAILED,
      path: '',
      message: `evaluation failed: ${errorMessage(error)}`,
    });
    return failedDecision(issues, emptyState(), null, null);
  }
}

// `satisfies` makes the compiler list every key of the input here, so a new one cannot be forgotten.
const INPUT_KEYS = Object.keys({
  rules: true,
  series: true,
  now: true,
  state: true,
  hashInputs: true,
} satisfies Record<keyof EvaluateRollbackInput, true>);

function evaluate(
  raw: Partial<Record<keyof EvaluateRollbackInput, unknown>>,
  issues: ContractIssue[],
): RollbackDecision {
  issues.push(...unknownKeyIssues(raw, INPUT_KEYS, 'evaluateRollback'));
  if (raw.hashInputs !== undefined && typeof raw.hashInputs !== 'boolean') {
    issues.push({ code: 'invalid_type', path: 'hashInputs', message: 'hashInputs must be true or false' });
  }
  const now = readNow(raw.now, issues);
  const compiled = rulesOf(raw.rules, issues);
  const series = new SeriesCache(raw.series, issues);
  const previous = readState(raw.state, issues);
  const wantHash = raw.hashInputs !== false;

  if (now === null || compiled.rules.length === 0) {
    series.silence();
    const inputHash = wantHash ? safeHash(raw.rules, series, now, issues) : null;
    return failedDecision(issues, previous, now, inputHash, compiled.rules.map(unevaluatedReason));
  }

  const ctx: EvalContext = { now, series, issues };
  const state: RollbackState = {
    evaluations:
      previous.lastEvaluatedAt === null || now > previous.lastEvaluatedAt
        ? previous.evaluations + 1
        : previous.evaluations,
    lastEvaluatedAt: previous.lastEvaluatedAt === null ? now : Math.max(previous.lastEvaluatedAt, now),
    rules: { ...previous.rules },
  };
  const reasons: RuleReason[] = [];
  let action: RollbackAction | null = null;
  let enforced = 0;
  for (const rule of compiled.rules) {
    if ('problems' in rule) {
      const reason = invalidReason(rule);
      reasons.push(reason);
      if (!rule.dryRun) action = action === null ? 'inconclusive' : worseAction(action, 'inconclusive');
      continue;
    }
    const finding = evaluateKind(rule, ctx);
    const { verdict, counters, note } = decideVerdict(rule, finding, previous.rules[rule.id], now);
    state.rules[rule.id] = counters;
    reasons.push(
      reasonOf(rule, finding, verdict, note, {
        failures: counters.failures,
        inconclusives: counters.inconclusives,
        consecutiveErrors: counters.consecutiveErrors,
      }),
    );
    if (rule.dryRun || verdict === null) continue;
    enforced++;
    action = action === null ? verdict : worseAction(action, verdict);
  }
  // No vote at all (every rule dry-run or ignoring missing data) is no evidence: never a promotion.
  let decided: RollbackAction = action ?? 'inconclusive';
  if (compiled.documentInvalid) decided = worseAction(decided, 'inconclusive');
  const decidedBy = reasons.filter((r) => !r.dryRun && r.verdict === decided).map((r) => r.rule);
  series.silence();
  const inputHash = wantHash ? safeHash(raw.rules, series, now, issues) : null;
  return {
    action: decided,
    reasons,
    decidedBy,
    state,
    inputHash,
    evaluatedAt: now,
    issues,
    summary:
      compiled.documentInvalid && decidedBy.length === 0
        ? `inconclusive: the rule set has problems (${issues.map((e) => e.message).join('; ')}).`
        : summarize(decided, reasons, decidedBy, enforced),
  };
}

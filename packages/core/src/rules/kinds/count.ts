// `count`: the sum of sample values in `window` (default 5m) compared with `value` — e.g. any contract-test
// failure blocks. A sum that already exceeds a `>`/`>=` bound can only stay above it as more non-negative
// samples arrive, so that breach needs no full window; everything else waits for the window's evidence.
import { breaches, growsMonotonically, marginOf, opWords } from '../compare.js';
import type { CompiledCount } from '../compile.js';
import {
  baseFinding,
  coverageText,
  type EvalContext,
  type Finding,
  isColumn,
  lackOfEvidence,
  resolveSingle,
} from '../finding.js';
import { num, plural } from '../format.js';
import { windowStats } from '../window.js';

// When a `>`/`>=` sum first crossed the bound: the time of the sample that tipped it over.
function crossedAt(
  rule: CompiledCount,
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
): number | null {
  let partial = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i]!;
    if (x - x !== 0) continue;
    partial += x;
    if (breaches(rule.op, partial, rule.value)) return t[i]!;
  }
  return null;
}

/** Evaluates a count rule. */
export function evaluateCount(rule: CompiledCount, ctx: EvalContext): Finding {
  const col = resolveSingle(rule, ctx);
  if (!isColumn(col)) return col;
  const stats = windowStats(col, ctx.now, rule.windowMs, rule.minCoverage);
  const lacking = lackOfEvidence(rule, stats, rule.metric);
  if (lacking) return lacking;

  const sum = stats.sum;
  const breaching = breaches(rule.op, sum, rule.value);
  const covered = stats.coverage >= rule.minCoverage;
  const finding = baseFinding(rule, 'pass', '');
  finding.observed = Number.isFinite(sum) ? sum : null;
  finding.op = rule.op;
  finding.threshold = rule.value;
  finding.samples = stats.n;
  finding.coverage = stats.coverage;
  finding.margin.value = marginOf(rule.op, sum, rule.value);
  finding.details = { sum: finding.observed, nanSamples: stats.nonFinite };
  const what = `${rule.metric} sums to ${num(sum)} over the last ${rule.window} (${plural(stats.n, 'sample')})`;

  if (breaching && (covered || growsMonotonically(rule.op))) {
    finding.status = 'breach';
    finding.since = growsMonotonically(rule.op) ? crossedAt(rule, col.t, col.v, stats.lo, stats.hi) : null;
    finding.message = `${what}, ${opWords(rule.op)} ${num(rule.value)}.`;
    return finding;
  }
  if (!covered) {
    finding.status = 'pending';
    finding.margin.remainingMs = stats.toCover;
    finding.message = `${what}; ${coverageText(rule, stats.coverage, stats.toCover)}.`;
    return finding;
  }
  finding.message = `${what}, not ${opWords(rule.op)} ${num(rule.value)}.`;
  return finding;
}

// `threshold`: metric op value. Without `for` the latest sample decides. With `for` the rule is breached
// when every sample since the breach began is breaching and it began at or before now - for (Prometheus
// `for` on sample times, like min_over_time): one good sample resets the clock; NaN (and ±Infinity)
// samples neither breach nor reset.
import { breaches, marginOf, opWords } from '../compare.js';
import type { CompiledThreshold } from '../compile.js';
import {
  baseFinding,
  coverageText,
  type EvalContext,
  type Finding,
  isColumn,
  lackOfEvidence,
  resolveSingle,
} from '../finding.js';
import { at, dur, num, plural } from '../format.js';
import { windowStats } from '../window.js';

/** Evaluates a threshold rule. */
export function evaluateThreshold(rule: CompiledThreshold, ctx: EvalContext): Finding {
  const col = resolveSingle(rule, ctx);
  if (!isColumn(col)) return col;
  const { now } = ctx;
  const stats = windowStats(col, now, rule.windowMs, rule.minCoverage);
  const lacking = lackOfEvidence(rule, stats, rule.metric);
  if (lacking) return lacking;

  const { t, v } = col;
  const latest = v[stats.lastIndex]!;
  const breaching = breaches(rule.op, latest, rule.value);
  const cond = `${rule.op} ${num(rule.value)}`;
  const finding = baseFinding(rule, 'pass', '');
  finding.observed = latest;
  finding.op = rule.op;
  finding.threshold = rule.value;
  finding.samples = stats.n;
  finding.coverage = stats.coverage;
  finding.margin.value = marginOf(rule.op, latest, rule.value);
  finding.details = { latest, latestAt: t[stats.lastIndex]!, nanSamples: stats.nonFinite };

  if (!breaching) {
    if (stats.coverage < rule.minCoverage) {
      finding.status = 'pending';
      finding.margin.remainingMs = stats.toCover;
      finding.message = `${rule.metric} is ${num(latest)}, not ${opWords(rule.op)} ${num(rule.value)}, but ${coverageText(rule, stats.coverage, stats.toCover)}.`;
      return finding;
    }
    finding.message = `${rule.metric} is ${num(latest)} (latest of ${plural(stats.n, 'sample')} in the last ${rule.window}), not ${opWords(rule.op)} ${num(rule.value)}${rule.for ? ` for ${rule.for}` : ''}.`;
    return finding;
  }

  // Walk back from the latest finite sample through the current breaching run; history before the
  // window counts, so a breach that began long ago reports its true start.
  let since = t[stats.lastIndex]!;
  let run = 0;
  for (let i = stats.lastIndex; i >= 0; i--) {
    const x = v[i]!;
    if (x - x !== 0) continue;
    if (!breaches(rule.op, x, rule.value)) break;
    since = t[i]!;
    run++;
  }
  finding.since = since;
  finding.details.breachingSamples = run;

  if (rule.forMs === null) {
    finding.status = 'breach';
    finding.message = `${rule.metric} is ${num(latest)}, ${opWords(rule.op)} ${num(rule.value)} (rule: ${cond}; breaching since ${at(since)}).`;
    return finding;
  }
  const held = now - since;
  if (since <= now - rule.forMs) {
    finding.status = 'breach';
    finding.margin.remainingMs = 0;
    finding.message = `${rule.metric} has been ${opWords(rule.op)} ${num(rule.value)} since ${at(since)} (${dur(held)}, rule needs ${rule.for}); latest ${num(latest)}.`;
    return finding;
  }
  finding.status = 'pending';
  finding.margin.remainingMs = since + rule.forMs - now;
  finding.message = `${rule.metric} is ${num(latest)}, ${opWords(rule.op)} ${num(rule.value)} since ${at(since)}; it breaches if it stays there ${dur(finding.margin.remainingMs)} more (for ${rule.for}).`;
  return finding;
}

// `threshold`: metric op value. Without `for` the latest sample decides; with `for` the rule is breached when the
// breach began at or before now - for. When a breach begins and ends is read as a Prometheus alerting rule reads
// it (`forClock: 'prometheus'`, the default; `prometheus-clock.ts`): NaN is not a breach and restarts the clock,
// a gap longer than the lookback (the rule's window) or a staleness marker ends the series. The clock runs on
// sample times: Prometheus sees only what each evaluation sees, rollgate judges every sample (it never fires
// where Prometheus does not when samples fall on evaluations). `forClock: 'samples'` keeps the older reading.
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
import { at, dur, finiteOrNull, num, plural } from '../format.js';
import type { Column } from '../series.js';
import { type WindowStats, windowStats } from '../window.js';
import { type BreachRun, prometheusRun, sampleRun } from './prometheus-clock.js';

function notBreaching(
  rule: CompiledThreshold,
  finding: Finding,
  stats: WindowStats,
  latest: number,
  restart: string,
): Finding {
  if (stats.coverage < rule.minCoverage) {
    finding.status = 'pending';
    finding.margin.remainingMs = stats.toCover;
    finding.message = `${rule.metric} is ${num(latest)}, not ${opWords(rule.op)} ${num(rule.value)}${restart}, but ${coverageText(rule, stats.coverage, stats.toCover)}.`;
    return finding;
  }
  finding.message = `${rule.metric} is ${num(latest)} (latest of ${plural(stats.n, 'sample')} in the last ${rule.window}), not ${opWords(rule.op)} ${num(rule.value)}${rule.for ? ` for ${rule.for}` : ''}${restart}.`;
  return finding;
}

function judgeRun(rule: CompiledThreshold, finding: Finding, run: BreachRun, now: number): Finding {
  const latest = finding.observed;
  const cond = `${rule.op} ${num(rule.value)}`;
  finding.since = run.since;
  finding.details.breachingSamples = run.samples;
  if (rule.forMs === null) {
    finding.status = 'breach';
    finding.message = `${rule.metric} is ${num(latest)}, ${opWords(rule.op)} ${num(rule.value)} (rule: ${cond}; breaching since ${at(run.since)}).`;
    return finding;
  }
  const held = now - run.since;
  const restarted = run.restartedBy ? ` (the clock restarted after ${run.restartedBy})` : '';
  if (run.since <= now - rule.forMs) {
    finding.status = 'breach';
    finding.margin.remainingMs = 0;
    finding.message = `${rule.metric} has been ${opWords(rule.op)} ${num(rule.value)} since ${at(run.since)} (${dur(held)}, rule needs ${rule.for})${restarted}; latest ${num(latest)}.`;
    return finding;
  }
  finding.status = 'pending';
  finding.margin.remainingMs = run.since + rule.forMs - now;
  finding.message = `${rule.metric} is ${num(latest)}, ${opWords(rule.op)} ${num(rule.value)} since ${at(run.since)}${restarted}; it breaches if it stays there ${dur(finding.margin.remainingMs)} more (for ${rule.for}).`;
  return finding;
}

function startFinding(rule: CompiledThreshold, stats: WindowStats, col: Column, index: number): Finding {
  const latest = col.v[index]!;
  const finding = baseFinding(rule, 'pass', '');
  finding.observed = finiteOrNull(latest);
  finding.op = rule.op;
  finding.threshold = rule.value;
  finding.samples = stats.n;
  finding.coverage = stats.coverage;
  finding.margin.value = Number.isFinite(latest) ? marginOf(rule.op, latest, rule.value) : null;
  finding.details = {
    latest: finiteOrNull(latest),
    latestAt: col.t[index]!,
    nanSamples: stats.nonFinite,
    forClock: rule.forClock,
  };
  return finding;
}

/** Evaluates a threshold rule. */
export function evaluateThreshold(rule: CompiledThreshold, ctx: EvalContext): Finding {
  const col = resolveSingle(rule, ctx);
  if (!isColumn(col)) return col;
  const { now } = ctx;
  const stats = windowStats(col, now, rule.windowMs, rule.minCoverage);
  const lacking = lackOfEvidence(rule, stats, rule.metric);
  if (lacking) return lacking;

  if (rule.forClock === 'samples') {
    // The older reading: the latest finite sample decides, NaN, gaps and staleness markers are skipped.
    const finding = startFinding(rule, stats, col, stats.lastIndex);
    const latest = col.v[stats.lastIndex]!;
    if (!breaches(rule.op, latest, rule.value)) return notBreaching(rule, finding, stats, latest, '');
    return judgeRun(rule, finding, sampleRun(col, stats.lastIndex, rule), now);
  }

  // Prometheus: the latest sample at or before now is what an evaluation sees (the window holds it).
  const last = stats.hi - 1;
  const run = prometheusRun(col, last, rule, rule.windowMs);
  if (run.stale) {
    const f = startFinding(rule, stats, col, stats.lastIndex);
    f.status = 'no_data';
    f.observed = null;
    f.margin.value = null;
    f.message = `${rule.metric} went stale at ${at(col.t[last]!)} (a staleness marker): no current value, and the for clock restarts.`;
    return f;
  }
  if (run.samples > 0) return judgeRun(rule, startFinding(rule, stats, col, last), run, now);
  // Not breaching. A NaN latest sample is not a breach (NaN compares false) and restarts the clock; the latest
  // finite sample says how far the metric is from the threshold.
  const finding = startFinding(rule, stats, col, stats.lastIndex);
  const latest = col.v[stats.lastIndex]!;
  if (last === stats.lastIndex) return notBreaching(rule, finding, stats, latest, '');
  finding.details.latestNaNAt = col.t[last]!;
  if (!breaches(rule.op, latest, rule.value))
    return notBreaching(rule, finding, stats, latest, `; the latest sample, at ${at(col.t[last]!)}, is NaN`);
  finding.status = 'pending';
  finding.margin.remainingMs = rule.forMs;
  finding.message = `${rule.metric} was ${num(latest)}, ${opWords(rule.op)} ${num(rule.value)}, but the latest sample, at ${at(col.t[last]!)}, is NaN: not a breach (as Prometheus compares NaN), so the for clock restarts.`;
  return finding;
}

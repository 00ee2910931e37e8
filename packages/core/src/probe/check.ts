// What a check answers: a lifecycle override (closed, draining, started), the heartbeat's state, or live probe
// runs; then the report, its span, and the change it announces. Synchronous when the answer needs no waiting
// (lifecycle overrides, cached results, heartbeat state). A check never rejects: a defect of ours still comes
// back as a failing report.
import type { HealthReport } from '@rollgate/contract';
import { endCheckSpan, type ParentSpan } from '../tracing/spans.js';
import { type Engine, reportContext, spanFields, startSpan } from './engine.js';
import { answerFrom, keepAnswer, reusableAnswer } from './group-answer.js';
import { answersFromHeartbeat, heartbeatEntry } from './heartbeat-round.js';
import { advance, lifecycleOverride } from './lifecycle.js';
import { liveEntries } from './live-entries.js';
import { describeRejection } from './outcome.js';
import { isProbeGroup, type RegisteredProbe } from './registry.js';
import { buildReport, type ReportEntry } from './report.js';
import { membersOf, type Selection, selectProbes } from './selection.js';
import { startupEntries } from './startup-entries.js';
import type { CheckOptions, ProbeGroupName } from './types.js';

// A health with no startup probes counts as started from its first check.
function noteCheck(engine: Engine): void {
  if (engine.state === 'starting' && !engine.probes.some((probe) => probe.groups.includes('startup'))) {
    engine.state = 'started';
  }
}

/** The group's kept report itself while it holds; runs nothing, copies nothing. */
export function cachedReport(engine: Engine, group: ProbeGroupName): HealthReport | undefined {
  if (!isProbeGroup(group)) return undefined;
  const members = membersOf(engine.probes, engine.groupMembers, group);
  return reusableAnswer(engine, group, members, engine.config.monotonic());
}

/** Checks every probe of `group` (less `options.exclude`). */
export function checkGroup(
  engine: Engine,
  group: ProbeGroupName,
  options: CheckOptions,
  startedAt: number,
): HealthReport | Promise<HealthReport> {
  const members = membersOf(engine.probes, engine.groupMembers, group);
  const exclude = options?.exclude;
  if (!Array.isArray(exclude) || exclude.length === 0) {
    const kept = reusableAnswer(engine, group, members, startedAt);
    if (kept !== undefined) return answerFrom(engine, kept, startedAt);
  }
  if (engine.state !== 'closed') noteCheck(engine);
  const early = lifecycleOverride(engine, group, startedAt);
  if (early !== undefined) return observed(engine, group, early, true);
  const { selected, unknown, full } = selectProbes(members, exclude);
  const span = startSpan(engine, 'readyz.check', group);
  const entries =
    group === 'startup'
      ? startupEntries(engine, selected, span, startedAt)
      : engine.config.heartbeat !== undefined
        ? selected.map((probe) => heartbeatEntry(engine, probe))
        : liveEntries(engine, selected, span, startedAt);
  const selection = { selected, unknown, full };
  if (Array.isArray(entries)) return groupReport(engine, group, startedAt, entries, selection, span);
  return entries.then((settled) => groupReport(engine, group, startedAt, settled, selection, span));
}

function groupReport(
  engine: Engine,
  group: ProbeGroupName,
  startedAt: number,
  entries: readonly ReportEntry[],
  { selected, unknown, full }: Selection,
  span: ParentSpan,
): HealthReport {
  const override = lifecycleOverride(engine, group, startedAt);
  const report = override ?? buildReport(reportContext(engine, startedAt), group, entries, unknown);
  if (group === 'startup' && engine.state === 'starting') {
    if (report.status === 'fail') report.reason = 'starting';
    else if (full) engine.state = advance(engine.state, 'started');
  }
  endCheckSpan(span.span, spanFields(report));
  if (full && override === undefined) keepAnswer(engine, group, selected, entries, report, startedAt);
  return observed(engine, group, report, full);
}

function observed(engine: Engine, group: ProbeGroupName, report: HealthReport, full: boolean): HealthReport {
  // Only a check that skipped nothing speaks for the group; a closed health announces nothing more.
  if (full && report.reason !== 'closed') engine.changes.observe(group, report);
  return report;
}

/** Checks one registered probe, live or from the heartbeat's state. */
export async function checkOneProbe(
  engine: Engine,
  probe: RegisteredProbe,
  startedAt: number,
): Promise<HealthReport> {
  if (engine.state !== 'closed') noteCheck(engine);
  const early = lifecycleOverride(engine, 'probe', startedAt);
  if (early !== undefined) return early;
  const span = startSpan(engine, 'readyz.check', 'probe');
  const live = answersFromHeartbeat(engine, probe)
    ? [heartbeatEntry(engine, probe)]
    : startupEntries(engine, [probe], span, startedAt);
  const entries = Array.isArray(live) ? live : await live;
  const report =
    lifecycleOverride(engine, 'probe', startedAt) ??
    buildReport(reportContext(engine, startedAt), 'probe', entries);
  endCheckSpan(span.span, spanFields(report));
  return report;
}

/** A failing report for a check that could not run (an unknown group, say). */
export function failedCheck(
  engine: Engine,
  group: unknown,
  startedAt: number,
  message: string,
): HealthReport {
  const context = reportContext(engine, startedAt);
  const report: HealthReport = {
    status: 'fail',
    service: context.service,
    version: context.version,
    error: engine.redact(message),
    timestamp: context.timestamp,
    duration_ms: context.durationMs,
  };
  if (isProbeGroup(group) || group === 'probe') report.group = group;
  return report;
}

/** A failing report for a defect of ours, which is also logged. */
export function internalFailure(
  engine: Engine,
  group: unknown,
  startedAt: number,
  error: unknown,
): HealthReport {
  engine.warn({ error: engine.redact(describeRejection(error)) }, 'health check failed internally');
  return failedCheck(engine, group, startedAt, `internal error: ${describeRejection(error)}`);
}

// Builds the contract's HealthReport from probe results. Pure: time comes in as arguments.
import type { HealthCheckResult, HealthFailure, HealthReport, HealthStatus } from '@rollgate/contract';
import { formatTimestamp } from '@rollgate/contract/time';
import type { ProbeGroupName } from './types.js';

/** One probe's part in a report. */
export interface ReportEntry {
  /** Probe name. */
  readonly name: string;
  /** Whether its failure fails the report (otherwise it degrades it). */
  readonly critical: boolean;
  /** ok or fail. */
  readonly status: 'ok' | 'fail';
  /** Duration of the run that produced the result, in ms. */
  readonly durationMs: number;
  /** Redacted error. */
  readonly error: string | undefined;
  /** True when no real run happened for this check (cache, stale answer, heartbeat state). */
  readonly cached: boolean;
  /** Wall-clock epoch ms the result was observed, if a run ever happened. */
  readonly observedAt: number | undefined;
}

/** Fields every report carries. */
export interface ReportContext {
  readonly service: string;
  readonly version: string;
  /** Wall-clock epoch ms of the answer. */
  readonly now: number;
  /** Offset of timestamps. */
  readonly offset: string;
  /** Duration of the whole check, in ms. */
  readonly durationMs: number;
}

/**
 * Worst wins: any failing critical probe fails the report, otherwise any failing probe degrades it.
 * In `single` mode (one probe asked for by name) any failure fails, critical or not.
 */
export function aggregateStatus(
  entries: readonly Pick<ReportEntry, 'status' | 'critical'>[],
  single = false,
): HealthStatus {
  let status: HealthStatus = 'ok';
  for (const entry of entries) {
    if (entry.status === 'ok') continue;
    if (entry.critical || single) return 'fail';
    status = 'degraded';
  }
  return status;
}

/** A report over probe results: `dependency` is the first failing critical probe in registration order. */
export function buildReport(
  context: ReportContext,
  group: ProbeGroupName | 'probe',
  entries: readonly ReportEntry[],
  unknownExcluded: readonly string[] = [],
): HealthReport {
  const single = group === 'probe';
  const status = aggregateStatus(entries, single);
  const failing = entries.filter((entry) => entry.status === 'fail');
  const culprit = failing.find((entry) => entry.critical || single);
  const report: HealthReport = { status, ...base(context, group) };
  if (culprit !== undefined) {
    report.dependency = culprit.name;
    if (culprit.error !== undefined) report.error = culprit.error;
  }
  if (failing.length > 0) report.failures = failing.map(toFailure);
  report.checks = entries.map((entry) => toCheck(entry, context.offset));
  if (unknownExcluded.length > 0) report.unknown_excluded = [...unknownExcluded];
  return report;
}

/** A report that no probe decides: draining, closed, or startup after the service started. */
export function lifecycleReport(
  context: ReportContext,
  group: ProbeGroupName | 'probe',
  status: HealthStatus,
  reason?: 'draining' | 'closed',
): HealthReport {
  const report: HealthReport = { status, ...base(context, group) };
  if (reason !== undefined) {
    report.reason = reason;
    report.error = reason;
  }
  report.checks = [];
  return report;
}

function base(context: ReportContext, group: ProbeGroupName | 'probe'): Omit<HealthReport, 'status'> {
  return {
    service: context.service,
    version: context.version,
    group,
    timestamp: formatTimestamp(context.now, context.offset),
    duration_ms: context.durationMs,
  };
}

function toFailure(entry: ReportEntry): HealthFailure {
  const failure: HealthFailure = { name: entry.name, critical: entry.critical };
  if (entry.error !== undefined) failure.error = entry.error;
  return failure;
}

function toCheck(entry: ReportEntry, offset: string): HealthCheckResult {
  const check: HealthCheckResult = {
    name: entry.name,
    status: entry.status,
    critical: entry.critical,
    duration_ms: entry.durationMs,
    cached: entry.cached,
  };
  if (entry.status === 'fail' && entry.error !== undefined) check.error = entry.error;
  if (entry.observedAt !== undefined) check.observed_at = formatTimestamp(entry.observedAt, offset);
  return check;
}

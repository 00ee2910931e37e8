// Builds the contract's HealthReport from probe results. Pure: time comes in as arguments, already
// formatted (the engine formats each instant once, see timestamps.ts). This runs for every check,
// cached answers included, so it makes one pass over the entries and no intermediate copies.
import type { HealthCheckResult, HealthFailure, HealthReport, HealthStatus } from '@rollgate/contract';
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
  /** RFC 3339 time the result was observed (`observed_at`), if a run ever happened. */
  readonly observedAt: string | undefined;
  /** True when a failure drill drove the result. */
  readonly simulated?: boolean;
  /** Startup probe with retries: the attempt the result came from. */
  readonly attempt?: number;
}

/** Fields every report carries. */
export interface ReportContext {
  readonly service: string;
  readonly version: string;
  /** RFC 3339 time of the answer. */
  readonly timestamp: string;
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
  // The same answers as aggregateStatus() and "first failing critical (any, for one probe)", in one pass.
  const single = group === 'probe';
  let status: HealthStatus = 'ok';
  let culprit: ReportEntry | undefined;
  let failures: HealthFailure[] | undefined;
  const checks: HealthCheckResult[] = [];
  for (const entry of entries) {
    checks.push(toCheck(entry));
    if (entry.status === 'ok') continue;
    if (failures === undefined) failures = [];
    failures.push(toFailure(entry));
    if (entry.critical || single) {
      status = 'fail';
      culprit ??= entry;
    } else if (status === 'ok') status = 'degraded';
  }
  const report = reportHead(status, context, group);
  if (culprit !== undefined) {
    report.dependency = culprit.name;
    if (culprit.error !== undefined) report.error = culprit.error;
  }
  if (failures !== undefined) report.failures = failures;
  report.checks = checks;
  if (unknownExcluded.length > 0) report.unknown_excluded = [...unknownExcluded];
  return report;
}

/** A report that no probe decides: draining, maintenance, closed, or startup after the service started. */
export function lifecycleReport(
  context: ReportContext,
  group: ProbeGroupName | 'probe',
  status: HealthStatus,
  reason?: 'draining' | 'closed' | 'maintenance',
  error: string | undefined = reason,
): HealthReport {
  const report = reportHead(status, context, group);
  if (reason !== undefined) {
    report.reason = reason;
    if (error !== undefined) report.error = error;
  }
  report.checks = [];
  return report;
}

// The fields every report starts with, in the order every report lists them.
function reportHead(
  status: HealthStatus,
  context: ReportContext,
  group: ProbeGroupName | 'probe',
): HealthReport {
  return {
    status,
    service: context.service,
    version: context.version,
    group,
    timestamp: context.timestamp,
    duration_ms: context.durationMs,
  };
}

function toFailure(entry: ReportEntry): HealthFailure {
  const failure: HealthFailure = { name: entry.name, critical: entry.critical };
  if (entry.error !== undefined) failure.error = entry.error;
  if (entry.simulated === true) failure.simulated = true;
  return failure;
}

function toCheck(entry: ReportEntry): HealthCheckResult {
  const check: HealthCheckResult = {
    name: entry.name,
    status: entry.status,
    critical: entry.critical,
    duration_ms: entry.durationMs,
    cached: entry.cached,
  };
  if (entry.status === 'fail' && entry.error !== undefined) check.error = entry.error;
  if (entry.observedAt !== undefined) check.observed_at = entry.observedAt;
  if (entry.simulated === true) check.simulated = true;
  if (entry.attempt !== undefined) check.attempt = entry.attempt;
  return check;
}

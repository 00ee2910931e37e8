// Builds the contract's `health.ok` / `health.failed` events by hand (the probe path loads no zod);
// the types keep them honest and the tests validate them with parseContract.
import type { HealthReport, TelemetryEventOf } from '@rollgate/contract';
import { formatTimestamp } from '@rollgate/contract/time';
import type { ProbeGroupName } from './types.js';

/** Fields every event of this health carries. */
export interface EventContext {
  readonly service: string;
  readonly version: string;
  readonly environment: string;
  readonly correlationId: string;
  readonly taskId: string | undefined;
  readonly phaseIndex: number | undefined;
  readonly offset: string;
}

/** A health event. */
export type HealthEvent = TelemetryEventOf<'health.ok'> | TelemetryEventOf<'health.failed'>;

/** The event for a group's new report: `health.ok` for ok/degraded, `health.failed` for fail. */
export function healthEvent(
  context: EventContext,
  group: ProbeGroupName,
  report: HealthReport,
  now: number,
): HealthEvent {
  const common = {
    correlation_id: context.correlationId,
    ...(context.taskId !== undefined ? { task_id: context.taskId } : {}),
    ...(context.phaseIndex !== undefined ? { phase_index: context.phaseIndex } : {}),
    environment: context.environment,
    version: context.version,
    timestamp: formatTimestamp(now, context.offset),
    service: context.service,
    group,
  };
  // The engine's reports carry ok/degraded/fail only (status words are the router's, in bodies).
  if (report.status !== 'fail') {
    return { ...common, type: 'health.ok', status: report.status === 'degraded' ? 'degraded' : 'ok' };
  }
  const event: TelemetryEventOf<'health.failed'> = { ...common, type: 'health.failed' };
  if (report.dependency !== undefined) event.dependency = report.dependency;
  if (report.error !== undefined) event.error = report.error;
  if (report.failures !== undefined && report.failures.length > 0) {
    event.failures = report.failures.map((failure) => failure.name);
  }
  return event;
}

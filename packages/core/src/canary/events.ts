import {
  type ObservedMetric,
  ROLLBACK_TOPIC,
  type TelemetryEvent,
  type TelemetryEventOf,
  Text,
} from '@rollgate/contract';
import { formatTimestamp } from '@rollgate/contract/time';
import type { CanaryContext } from './types.js';

// Builds the contract's telemetry events directly from fields already read (no schema pass per
// event); the shapes are pinned by tests that validate every event with parseContract('telemetry-event', …).

// The contract's limit on free text; a longer reason is cut rather than making the event invalid.
const MAX_TEXT = Text.maxLength ?? 4096;

/** What a transition emits, before the context turns it into telemetry events. */
export type Emission =
  | { readonly kind: 'started'; readonly stepIndex: number; readonly weight: number }
  | {
      readonly kind: 'completed';
      readonly stepIndex: number;
      readonly weight: number;
      readonly outcome: 'advanced' | 'promoted' | 'rolled_back';
    }
  | {
      readonly kind: 'rollback';
      readonly stepIndex: number;
      readonly reason: string;
      readonly observed: ObservedMetric;
    };

function common(context: CanaryContext, now: number, stepIndex: number) {
  return {
    correlation_id: context.correlationId,
    ...(context.taskId !== undefined ? { task_id: context.taskId } : {}),
    phase_index: stepIndex,
    environment: context.environment,
    version: context.version,
    timestamp: formatTimestamp(now, context.offset ?? 'Z'),
    service: context.service,
  };
}

function toEvent(emission: Emission, context: CanaryContext, now: number): TelemetryEvent {
  const base = common(context, now, emission.stepIndex);
  switch (emission.kind) {
    case 'started':
      return {
        type: 'canary.started',
        ...base,
        weight: emission.weight,
      } satisfies TelemetryEventOf<'canary.started'>;
    case 'completed':
      return {
        type: 'canary.completed',
        ...base,
        weight: emission.weight,
        outcome: emission.outcome,
      } satisfies TelemetryEventOf<'canary.completed'>;
    case 'rollback':
      return {
        type: 'rollback.requested',
        ...base,
        env: context.environment,
        reason: emission.reason.slice(0, MAX_TEXT),
        observed: emission.observed,
        topic: ROLLBACK_TOPIC,
      } satisfies TelemetryEventOf<'rollback.requested'>;
  }
}

/** Turns emissions into telemetry events; none without a context. */
export function toEvents(
  emissions: readonly Emission[],
  context: CanaryContext | undefined,
  now: number,
): TelemetryEvent[] {
  return context === undefined ? [] : emissions.map((e) => toEvent(e, context, now));
}

import { z } from 'zod';
import {
  Duration,
  Environment,
  Name,
  SchemaVersion,
  Text,
  Timestamp,
  timestampWithOffset,
} from '../primitives/schemas.js';

/** Topic the `rollback.requested` event is emitted on. */
export const ROLLBACK_TOPIC = 'observability/deploy/rollback';

/** Offset the observability profile requires on every timestamp. */
export const OBSERVABILITY_OFFSET = '+08:00';

/** Every telemetry event type, in lifecycle order. */
export const TELEMETRY_EVENT_TYPES = [
  'deploy.started',
  'deploy.completed',
  'health.ok',
  'health.failed',
  'canary.started',
  'canary.completed',
  'rollback.requested',
  'rollback.completed',
] as const;
/** A telemetry event type. */
export type TelemetryEventType = (typeof TELEMETRY_EVENT_TYPES)[number];

/** The measurement behind a rollback request. */
export const ObservedMetric = z.strictObject({
  metric: z.string().min(1).max(256),
  value: z.number().finite(),
  window: Duration,
});
/** The measurement behind a rollback request. */
export type ObservedMetric = z.infer<typeof ObservedMetric>;

// Builds the whole union for one timestamp schema, so the observability profile
// (+08:00 only) and the open profile share every other rule.
function buildEvents<T extends z.ZodType<string>>(timestamp: T) {
  const common = {
    schema_version: SchemaVersion.optional(),
    correlation_id: Name,
    task_id: Name.optional(),
    phase_index: z.number().int().min(0).max(10_000).optional(),
    environment: Environment,
    version: Name,
    timestamp,
    service: Name.optional(),
  };
  const deployStarted = z.strictObject({
    ...common,
    type: z.literal('deploy.started'),
    service: Name,
    rollout_strategy: z.enum(['canary', 'blue_green', 'rolling', 'recreate']).optional(),
  });
  const deployCompleted = z.strictObject({
    ...common,
    type: z.literal('deploy.completed'),
    service: Name,
    status: z.enum(['succeeded', 'failed']),
    duration_ms: z.number().finite().min(0).optional(),
  });
  const healthOk = z.strictObject({
    ...common,
    type: z.literal('health.ok'),
    service: Name,
    group: z.enum(['startup', 'liveness', 'readiness']).optional(),
    status: z.enum(['ok', 'degraded']),
  });
  const healthFailed = z.strictObject({
    ...common,
    type: z.literal('health.failed'),
    service: Name,
    group: z.enum(['startup', 'liveness', 'readiness']).optional(),
    dependency: Name.optional(),
    error: Text.optional(),
    failures: z.array(Name).optional(),
  });
  const canaryStarted = z.strictObject({
    ...common,
    type: z.literal('canary.started'),
    service: Name,
    weight: z.number().min(0).max(100),
  });
  const canaryCompleted = z.strictObject({
    ...common,
    type: z.literal('canary.completed'),
    service: Name,
    weight: z.number().min(0).max(100),
    outcome: z.enum(['advanced', 'promoted', 'rolled_back']),
  });
  const rollbackRequested = z.strictObject({
    ...common,
    type: z.literal('rollback.requested'),
    service: Name,
    env: Environment,
    reason: Text.min(1),
    observed: ObservedMetric,
    topic: z.literal(ROLLBACK_TOPIC),
  });
  const rollbackCompleted = z.strictObject({
    ...common,
    type: z.literal('rollback.completed'),
    service: Name,
    status: z.enum(['succeeded', 'failed']),
    duration_ms: z.number().finite().min(0).optional(),
  });
  const union = z.discriminatedUnion('type', [
    deployStarted,
    deployCompleted,
    healthOk,
    healthFailed,
    canaryStarted,
    canaryCompleted,
    rollbackRequested,
    rollbackCompleted,
  ]);
  return { union, rollbackRequested };
}

const open = buildEvents(Timestamp);
const observability = buildEvents(timestampWithOffset(OBSERVABILITY_OFFSET));

/** Any telemetry event, discriminated on `type`; timestamps may use any explicit offset. */
export const TelemetryEvent = open.union;
/** Any telemetry event. */
export type TelemetryEvent = z.infer<typeof TelemetryEvent>;

/** Telemetry events under the observability profile: every timestamp in `+08:00`. */
export const ObservabilityTelemetryEvent = observability.union;

/** The `rollback.requested` event emitted on `observability/deploy/rollback`. */
export const RollbackRequested = open.rollbackRequested;
/** The `rollback.requested` event. */
export type RollbackRequested = z.infer<typeof RollbackRequested>;

/** A telemetry event of one type. */
export type TelemetryEventOf<K extends TelemetryEventType> = Extract<TelemetryEvent, { type: K }>;

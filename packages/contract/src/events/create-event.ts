import { ContractError } from '../errors.js';
import { parseContract } from '../parse/parse-contract.js';
import { formatTimestamp } from '../primitives/time.js';
import {
  ROLLBACK_TOPIC,
  type TelemetryEvent,
  type TelemetryEventOf,
  type TelemetryEventType,
} from './telemetry-event.js';

type Builder<K extends TelemetryEventType> = Omit<TelemetryEventOf<K>, 'type' | 'timestamp' | 'topic'> & {
  timestamp?: string;
};

/** Fields a caller supplies for an event of type K; `timestamp` and `topic` are filled in. */
export type EventFields<K extends TelemetryEventType> = K extends 'rollback.requested'
  ? Omit<Builder<K>, 'env'> & { env?: string }
  : Builder<K>;

/** When the event happened, and in which offset to write it. */
export interface EventClock {
  /** The instant of the event (epoch ms or Date); required so builders stay deterministic. */
  now: Date | number;
  /** RFC 3339 offset for the timestamp (default `Z`; the observability profile uses `+08:00`). */
  offset?: string;
}

/**
 * Builds a telemetry event of the given type and validates it; throws a `ContractError`
 * (code `ROLLGATE_ERR_INVALID_EVENT`) listing every issue when the fields are not valid.
 */
export function createEvent<K extends TelemetryEventType>(
  type: K,
  fields: EventFields<K>,
  clock: EventClock,
): TelemetryEventOf<K> {
  const timestamp = fields.timestamp ?? formatTimestamp(clock.now, clock.offset ?? 'Z');
  const extra: Record<string, unknown> =
    type === 'rollback.requested'
      ? { topic: ROLLBACK_TOPIC, env: (fields as { env?: string }).env ?? fields.environment }
      : {};
  const candidate = { ...fields, ...extra, type, timestamp };
  const parsed = parseContract(
    'telemetry-event',
    candidate,
    clock.offset === '+08:00' ? { profile: 'observability' } : {},
  );
  if (!parsed.ok) {
    throw new ContractError('ROLLGATE_ERR_INVALID_EVENT', type, parsed.issues);
  }
  return parsed.value as TelemetryEventOf<K>;
}

/** Narrows a telemetry event by type. */
export function isEventOfType<K extends TelemetryEventType>(
  event: TelemetryEvent,
  type: K,
): event is TelemetryEventOf<K> {
  return event.type === type;
}

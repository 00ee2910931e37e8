import { createHash } from 'node:crypto';
import { ContractError } from '../errors/contract-error.js';
import { rejectUnknownOptions } from '../errors/known-options.js';
import { SCHEMA_VERSION } from '../primitives/schemas.js';
import type { TelemetryEvent } from './telemetry-event.js';

/** Reverse-DNS prefix of every CloudEvents `type` rollgate emits (`dev.rollgate.rollback.requested`). */
export const CLOUDEVENT_TYPE_PREFIX = 'dev.rollgate.';

/** A CloudEvents 1.0 JSON envelope carrying a telemetry event as `data`. */
export interface CloudEvent<T extends TelemetryEvent = TelemetryEvent> {
  /** Always `1.0`. */
  specversion: '1.0';
  /** Deterministic id: the same event always gets the same id, so consumers can de-duplicate. */
  id: string;
  /** URI-reference of the producer, e.g. `urn:rollgate:orders-api`. */
  source: string;
  /** `dev.rollgate.<event type>`. */
  type: `${typeof CLOUDEVENT_TYPE_PREFIX}${T['type']}`;
  /** The event's RFC 3339 timestamp. */
  time: string;
  /** The service the event is about, when it names one. */
  subject?: string;
  /** Always `application/json`. */
  datacontenttype: 'application/json';
  /** JSON Schema of `data`. */
  dataschema: string;
  /** Extension: the event's correlation_id (attribute names allow only lowercase letters and digits). */
  correlationid: string;
  /** Extension: the event's task_id, when present. */
  taskid?: string;
  /** Extension: the event's phase_index, when present. */
  phaseindex?: number;
  /** The telemetry event itself, unchanged. */
  data: T;
}

/** Options of `toCloudEvent`. */
export interface CloudEventOptions {
  /** Overrides `source`; defaults to `urn:rollgate:<service>` (or `urn:rollgate` without a service). */
  source?: string;
  /** Overrides `id`; defaults to a hash of the event's canonical JSON. */
  id?: string;
}

// `satisfies` makes the compiler list every key of CloudEventOptions here, so a new one cannot be forgotten.
const CLOUDEVENT_OPTION_KEYS = Object.keys({ source: true, id: true } satisfies Record<
  keyof CloudEventOptions,
  true
>);

/**
 * Maps a telemetry event to a CloudEvents 1.0 structured-mode JSON envelope. Throws `ROLLGATE_ERR_UNKNOWN_OPTION`
 * for a misspelt option and `ROLLGATE_ERR_INVALID_OPTION` for an `id` or `source` that is not a non-empty string
 * (CloudEvents requires both), rather than sending an envelope with the default the caller meant to override.
 */
export function toCloudEvent<T extends TelemetryEvent>(
  event: T,
  options: CloudEventOptions = {},
): CloudEvent<T> {
  rejectUnknownOptions(options, CLOUDEVENT_OPTION_KEYS, 'toCloudEvent');
  for (const key of CLOUDEVENT_OPTION_KEYS as (keyof CloudEventOptions)[]) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new ContractError('ROLLGATE_ERR_INVALID_OPTION', `toCloudEvent ${key}`, [
        { path: key, code: 'invalid_type', message: 'expected a non-empty string' },
      ]);
    }
  }
  const service = event.service;
  const envelope: CloudEvent<T> = {
    specversion: '1.0',
    id: options.id ?? createHash('sha256').update(canonicalJson(event)).digest('hex').slice(0, 32),
    source: options.source ?? (service ? `urn:rollgate:${encodeURIComponent(service)}` : 'urn:rollgate'),
    type: `${CLOUDEVENT_TYPE_PREFIX}${event.type}` as CloudEvent<T>['type'],
    time: event.timestamp,
    datacontenttype: 'application/json',
    dataschema: `https://rollgate.dev/schemas/${SCHEMA_VERSION}/telemetry-event.schema.json`,
    correlationid: event.correlation_id,
    data: event,
  };
  if (service) envelope.subject = service;
  if (event.task_id !== undefined) envelope.taskid = event.task_id;
  if (event.phase_index !== undefined) envelope.phaseindex = event.phase_index;
  return envelope;
}

/** JSON with object keys sorted, so equal values always serialize, and hash, the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

import type { Context } from '@opentelemetry/api';
import type { CloudEvent, ContractIssue, TelemetryEvent } from '@rollgate/contract';

/** One validated event on its way to a sink: the contract event, its CloudEvents envelope and that envelope's id. */
export interface QueuedEvent {
  /** The CloudEvent `id`: the same on every attempt, so a receiver can de-duplicate. */
  readonly id: string;
  /** The telemetry event, as the contract parsed it. */
  readonly event: TelemetryEvent;
  /** The CloudEvents 1.0 structured-mode envelope (with the emitter's `topic` extension, when set). */
  readonly cloudEvent: CloudEvent;
  /** The OpenTelemetry context active when `emit()` was called (delivery runs later, outside it). */
  readonly context: Context;
}

/** Why an event left a sink's queue without being delivered (the `reason` label of the dropped counter). */
export type DropReason = 'queue_full' | 'retries_exhausted' | 'rejected' | 'failed' | 'closed';

/** Every drop reason, for metric labels and tests. */
export const DROP_REASONS: readonly DropReason[] = [
  'queue_full',
  'retries_exhausted',
  'rejected',
  'failed',
  'closed',
];

/**
 * A destination. `deliver` resolves once its batch is delivered and rejects when it gave up (its own retries
 * are its business); an error carrying a {@link DropReason} as `reason` names why, otherwise `failed`.
 */
export interface EventSink {
  /** Unique within an emitter; the `sink` label of metrics and dead letters. */
  readonly name: string;
  /**
   * When `emit()` counts this sink as done: `delivered` waits for `deliver` to resolve (the file sink: written
   * and fsynced); `queued` as soon as the event is in this sink's queue (webhook, OpenTelemetry).
   */
  readonly acknowledge: 'delivered' | 'queued';
  /** Most events one `deliver` call takes (default 1). */
  readonly batchSize?: number;
  /** Delivers a batch, in emit order. `signal` aborts when `close()` runs out of time. */
  deliver(batch: readonly QueuedEvent[], signal: AbortSignal): Promise<void>;
  /** Releases what the sink holds (a file handle); called once by `close()` after its queue is empty. */
  close?(): Promise<void>;
}

/** An event a sink did not deliver, handed to the dead-letter hook. */
export interface DeadLetter {
  /** The sink that gave up. */
  readonly sink: string;
  /** Why. */
  readonly reason: DropReason;
  /** The event with its id and envelope. */
  readonly queued: QueuedEvent;
  /** The last error text, when there was one. */
  readonly error?: string;
}

/** What a sink did with one emitted event by the time `emit()` resolved. */
export type SinkOutcome = 'delivered' | 'queued' | 'dead_lettered';

/** `emit()`'s answer: the event's id and each sink's outcome, or the contract's issues when it is not valid. */
export type EmitResult =
  | { ok: true; value: { id: string; sinks: Record<string, SinkOutcome> } }
  | { ok: false; issues: ContractIssue[] };

/** The parts of a prom-client `Registry` the emitter uses. */
export interface EventsMetricsRegistry {
  /** The metric registered under `name`, if any. */
  getSingleMetric(name: string): unknown;
}

/** The prom-client module as far as the emitter uses it (pass `import * as client from 'prom-client'`). */
export interface EventsPromClient {
  /** prom-client's `Counter` class; `never` so prom-client's stricter configuration type fits. */
  Counter: new (
    config: never,
  ) => unknown;
}

/** `createEmitter`'s `metrics` option. */
export interface EmitterMetricsOptions {
  /** The host's prom-client Registry (never the global one). */
  registry: EventsMetricsRegistry;
  /** Prefix of the metric name, e.g. `aether_`. */
  prefix?: string;
  /** The prom-client module; loaded from where @rollgate/core is installed when omitted. */
  client?: EventsPromClient;
}

/** Options of `createEmitter()`. */
export interface EmitterOptions {
  /** Where events go; each sink gets its own bounded queue. At least one. */
  sinks: readonly EventSink[];
  /** Topic the emitter publishes on, carried as the CloudEvents `topic` extension (e.g. `observability/deploy/rollback`). */
  topic?: string;
  /** CloudEvents `source`; default `urn:rollgate:<service>`. */
  source?: string;
  /** `observability` requires `+08:00` timestamps, as seed 000's events do. */
  profile?: 'observability';
  /** Most events waiting per sink (default 1000); one more is dead-lettered with reason `queue_full`. */
  queueSize?: number;
  /** Receives every event a sink did not deliver; default: one JSON line on stderr. */
  deadLetter?: (letter: DeadLetter) => unknown;
  /** Counts drops as `rollgate_events_dropped_total{sink,reason}` on the host's registry. */
  metrics?: EmitterMetricsOptions;
}

/** Options of `close()`. */
export interface CloseOptions {
  /** Give up on what is still queued after this long (default: wait for every retry); the rest is dead-lettered as `closed`. */
  timeoutMs?: number;
}

/** A validated, queued, multi-sink event emitter. */
export interface Emitter {
  /**
   * Validates `event` with the contract, then queues it on every sink. Resolves `{ ok: false, issues }` for an
   * invalid event (nothing queued), else `{ ok: true, value: { id, sinks } }` once every sink acknowledged it
   * (see {@link EventSink.acknowledge}). Rejects with `ROLLGATE_ERR_EMITTER_CLOSED` after `close()`.
   */
  emit(event: unknown): Promise<EmitResult>;
  /** Resolves when every event emitted before the call is delivered or dead-lettered. */
  flush(): Promise<void>;
  /** Stops taking events, drains every queue (or dead-letters what is left at `timeoutMs`), closes the sinks. */
  close(options?: CloseOptions): Promise<void>;
}

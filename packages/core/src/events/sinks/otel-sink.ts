// Events into OpenTelemetry: a span event on the active span (or on a short `rollgate.event` span when none is
// active), or a log record when the host passes a Logger from @opentelemetry/api-logs. Best effort: what the
// SDK does after that (sampling, export failures) is out of our sight, and with no SDK installed it is a no-op.
import { type Attributes, type Tracer, trace } from '@opentelemetry/api';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../../errors.js';
import type { EventSink, QueuedEvent } from '../types.js';

/** The part of an @opentelemetry/api-logs `Logger` the sink uses (`logs.getLogger('…')` fits). */
export interface OtelLoggerLike {
  /** Emits one log record. */
  emit(record: {
    eventName?: string;
    severityNumber?: number;
    severityText?: string;
    body?: string;
    attributes?: Attributes;
    timestamp?: number;
  }): void;
}

/** Options of `otelSink()`. */
export interface OtelSinkOptions {
  /** Tracer for the stand-alone span when no span is active (default: the global tracer `@rollgate/core`). */
  tracer?: Tracer;
  /** A Logger from @opentelemetry/api-logs: events become log records instead of span events. */
  logger?: OtelLoggerLike;
  /** Sink name (default `otel`). */
  name?: string;
}

const KEYS = Object.keys({ tracer: true, logger: true, name: true } satisfies Record<
  keyof OtelSinkOptions,
  true
>);

/** Name of the span event and of the log record's `event.name`: `rollgate.<type>`, e.g. `rollgate.health.failed`. */
export function otelEventName(queued: QueuedEvent): string {
  return `rollgate.${queued.event.type}`;
}

// Flat attributes a trace backend can filter on; the whole CloudEvent rides along as JSON.
function attributesOf(queued: QueuedEvent): Attributes {
  const event = queued.event;
  const attributes: Attributes = {
    'cloudevents.event_id': queued.id,
    'cloudevents.event_type': queued.cloudEvent.type,
    'cloudevents.event_source': queued.cloudEvent.source,
    'rollgate.event.correlation_id': event.correlation_id,
    'rollgate.event.environment': event.environment,
    'rollgate.event.version': event.version,
    'rollgate.event.json': JSON.stringify(queued.cloudEvent),
  };
  if (event.service !== undefined) attributes['rollgate.event.service'] = event.service;
  return attributes;
}

// SeverityNumber from the OpenTelemetry logs data model: INFO 9, WARN 13.
const WARN_TYPES = new Set(['health.failed', 'rollback.requested']);

/** An OpenTelemetry sink: best effort, acknowledged once queued. */
export function otelSink(options: OtelSinkOptions = {}): EventSink {
  rejectUnknownOptions(options, KEYS, 'otelSink');
  const { logger } = options;
  if (logger !== undefined && typeof logger?.emit !== 'function') {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'logger',
      'expected an @opentelemetry/api-logs Logger',
    );
  }
  const tracer = options.tracer;
  if (tracer !== undefined && typeof tracer?.startSpan !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'tracer', 'expected an @opentelemetry/api Tracer');
  }
  return {
    name: options.name ?? 'otel',
    acknowledge: 'queued',
    batchSize: 64,
    async deliver(batch) {
      for (const queued of batch) {
        const time = Date.parse(queued.event.timestamp);
        if (logger !== undefined) {
          const warn = WARN_TYPES.has(queued.event.type);
          logger.emit({
            eventName: otelEventName(queued),
            severityNumber: warn ? 13 : 9,
            severityText: warn ? 'WARN' : 'INFO',
            body: otelEventName(queued),
            attributes: attributesOf(queued),
            timestamp: time,
          });
          continue;
        }
        // The span that was active at emit(), not now: delivery runs later, in the queue's own context.
        const active = trace.getSpan(queued.context);
        if (active?.isRecording()) {
          active.addEvent(otelEventName(queued), attributesOf(queued), time);
          continue;
        }
        const span = (tracer ?? trace.getTracer('@rollgate/core')).startSpan(
          'rollgate.event',
          {},
          queued.context,
        );
        span.addEvent(otelEventName(queued), attributesOf(queued), time);
        span.end();
      }
    },
  };
}

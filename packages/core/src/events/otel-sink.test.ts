import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryTracer } from '../probe/test-kit.js';
import { createEmitter } from './create-emitter.js';
import { type OtelLoggerLike, otelSink } from './sinks/otel-sink.js';
import { healthFailed } from './test-kit.js';

afterEach(() => {
  context.disable();
});

describe('OpenTelemetry sink', () => {
  it('adds a span event to the span active at emit(), though delivery runs later', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { tracer, exporter } = memoryTracer();
    const emitter = createEmitter({ sinks: [otelSink({ tracer })] });
    let id = '';
    await tracer.startActiveSpan('deploy', async (span) => {
      const result = await emitter.emit(healthFailed(1));
      if (result.ok) id = result.value.id;
      await emitter.flush();
      span.end();
    });
    const [deploy] = exporter.getFinishedSpans();
    expect(deploy?.name).toBe('deploy');
    expect(deploy?.events.map((e) => e.name)).toEqual(['rollgate.health.failed']);
    expect(deploy?.events[0]?.attributes).toMatchObject({
      'cloudevents.event_id': id,
      'cloudevents.event_type': 'dev.rollgate.health.failed',
      'rollgate.event.service': 'orders-api',
      'rollgate.event.environment': 'production',
    });
    expect(JSON.parse(String(deploy?.events[0]?.attributes?.['rollgate.event.json'])).data).toEqual(
      healthFailed(1),
    );
  });

  it('with no active span, a short rollgate.event span carries the event', async () => {
    const { tracer, exporter } = memoryTracer();
    const emitter = createEmitter({ sinks: [otelSink({ tracer })] });
    await emitter.emit(healthFailed(2));
    await emitter.close();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.events.map((e) => e.name)])).toEqual([
      ['rollgate.event', ['rollgate.health.failed']],
    ]);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('with a Logger (from @opentelemetry/api-logs), each event is a log record, WARN for health.failed', async () => {
    const records: Parameters<OtelLoggerLike['emit']>[0][] = [];
    const emitter = createEmitter({ sinks: [otelSink({ logger: { emit: (r) => records.push(r) } })] });
    await emitter.emit(healthFailed(3));
    await emitter.close();
    expect(records).toMatchObject([
      {
        eventName: 'rollgate.health.failed',
        severityText: 'WARN',
        severityNumber: 13,
        timestamp: Date.parse(healthFailed(3).timestamp),
        attributes: { 'cloudevents.event_type': 'dev.rollgate.health.failed' },
      },
    ]);
  });

  it('setup mistakes are coded', () => {
    expect(() => otelSink({ logger: {} as never })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    expect(() => otelSink({ meter: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_UNKNOWN_OPTION' }),
    );
  });
});

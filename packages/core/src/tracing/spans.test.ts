import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from '../probe/create-health.js';
import { memoryTracer } from '../probe/test-kit.js';

const base = { service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 };
const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

describe('tracing', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
    vi.useRealTimers();
  });

  it('records a readyz.check span with one readyz.probe child per real probe run', async () => {
    const { tracer, exporter } = memoryTracer();
    const health = createHealth({ ...base, tracer });
    health.register({ name: 'Redis', check: () => 'PONG' });
    health.register({
      name: 'Postgres',
      check: () => Promise.reject(new Error('password=hunter2 authentication failed')),
    });
    await health.check('readiness');
    const spans = exporter.getFinishedSpans();
    const [check] = named(spans, 'readyz.check');
    const probes = named(spans, 'readyz.probe');
    expect(check?.attributes).toMatchObject({
      'service.name': 'orders-api',
      'rollgate.group': 'readiness',
      'rollgate.health.status': 'fail',
      'rollgate.health.dependency': 'Postgres',
    });
    expect(check?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'Postgres: password=*** authentication failed',
    });
    expect(check?.instrumentationScope.name).toBe('@rollgate/core');
    expect(probes).toHaveLength(2);
    for (const probe of probes) {
      expect(probe.parentSpanContext?.spanId).toBe(check?.spanContext().spanId);
      expect(probe.attributes['service.name']).toBe('orders-api');
      expect(typeof probe.attributes['rollgate.probe.duration_ms']).toBe('number');
    }
    const redis = probes.find((span) => span.attributes['rollgate.probe.name'] === 'Redis');
    const postgres = probes.find((span) => span.attributes['rollgate.probe.name'] === 'Postgres');
    expect(redis?.attributes['rollgate.probe.status']).toBe('ok');
    expect(redis?.status.code).toBe(SpanStatusCode.UNSET);
    expect(postgres?.attributes['rollgate.probe.status']).toBe('fail');
    expect(postgres?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'password=*** authentication failed',
    });
    expect(postgres?.events).toHaveLength(1);
    expect(postgres?.events[0]?.name).toBe('exception');
    expect(postgres?.events[0]?.attributes).toMatchObject({
      'exception.type': 'ProbeFailure',
      'exception.message': 'password=*** authentication failed',
    });
    expect(postgres?.events[0]?.attributes?.['exception.stacktrace']).toBeUndefined();
  });

  it('marks a timed-out probe span and ends it at the timeout', async () => {
    vi.useFakeTimers();
    const { tracer, exporter } = memoryTracer();
    const health = createHealth({ ...base, tracer });
    health.register({ name: 'Kafka', timeoutMs: 300, check: () => new Promise(() => {}) });
    const pending = health.check('readiness');
    await vi.advanceTimersByTimeAsync(300);
    await pending;
    const [probe] = named(exporter.getFinishedSpans(), 'readyz.probe');
    expect(probe?.attributes).toMatchObject({
      'rollgate.probe.timed_out': true,
      'rollgate.probe.duration_ms': 300,
    });
    expect(probe?.events[0]?.attributes?.['exception.type']).toBe('ProbeTimeout');
    expect(probe?.status.message).toBe('timeout after 300ms');
  });

  it('starts no probe span for a cached answer or a joined run', async () => {
    const { tracer, exporter } = memoryTracer();
    const health = createHealth({ ...base, cacheTtlMs: 60_000, tracer });
    health.register({ name: 'db', check: async () => true });
    await Promise.all([health.check('readiness'), health.check('readiness')]);
    await health.check('readiness');
    const spans = exporter.getFinishedSpans();
    expect(named(spans, 'readyz.check')).toHaveLength(3);
    expect(named(spans, 'readyz.probe')).toHaveLength(1);
  });

  it('uses the global tracer provider when no tracer is passed', async () => {
    const { provider, exporter } = memoryTracer();
    const health = createHealth(base); // created before the provider: looked up per check
    trace.setGlobalTracerProvider(provider);
    health.register({ name: 'db', check: () => true });
    await health.checkProbe('db');
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['readyz.check', 'readyz.probe']);
    expect(named(spans, 'readyz.check')[0]?.attributes['rollgate.group']).toBe('probe');
  });

  it('follows the global provider when it is replaced, having checked before any was registered', async () => {
    const health = createHealth(base);
    health.register({ name: 'db', check: () => true });
    await health.check('readiness'); // no SDK yet: a no-op span
    const first = memoryTracer();
    trace.setGlobalTracerProvider(first.provider);
    await health.check('readiness');
    trace.disable();
    const second = memoryTracer();
    trace.setGlobalTracerProvider(second.provider);
    await health.check('readiness');
    expect(named(first.exporter.getFinishedSpans(), 'readyz.check')).toHaveLength(1);
    expect(named(second.exporter.getFinishedSpans(), 'readyz.check')).toHaveLength(1);
    expect(named(second.exporter.getFinishedSpans(), 'readyz.probe')).toHaveLength(1);
  });

  it('runs each probe with its span active, so the client’s own spans nest under it', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { tracer, exporter } = memoryTracer();
    const health = createHealth({ ...base, tracer });
    health.register({
      name: 'db',
      check: async () => {
        await Promise.resolve();
        tracer.startSpan('pg.query').end();
      },
    });
    await health.check('readiness');
    const spans = exporter.getFinishedSpans();
    const [probe] = named(spans, 'readyz.probe');
    const [query] = named(spans, 'pg.query');
    expect(query?.parentSpanContext?.spanId).toBe(probe?.spanContext().spanId);
  });

  it('records a heartbeat round as readyz.heartbeat with its probe runs', async () => {
    vi.useFakeTimers();
    const { tracer, exporter } = memoryTracer();
    const health = createHealth({ ...base, tracer, heartbeat: { intervalMs: 1000 } });
    health.register({ name: 'db', check: () => true });
    await vi.advanceTimersByTimeAsync(0);
    const spans = exporter.getFinishedSpans();
    const [round] = named(spans, 'readyz.heartbeat');
    expect(round).toBeDefined();
    expect(named(spans, 'readyz.probe')[0]?.parentSpanContext?.spanId).toBe(round?.spanContext().spanId);
    await health.close();
  });

  it('a tracer that throws never breaks a check', async () => {
    const health = createHealth({
      ...base,
      tracer: {
        startSpan() {
          throw new Error('exporter down');
        },
        startActiveSpan() {
          throw new Error('exporter down');
        },
      },
    });
    health.register({ name: 'db', check: () => true });
    expect((await health.check('readiness')).status).toBe('ok');
  });
});

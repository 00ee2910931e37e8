// Tracing through @opentelemetry/api only: a no-op unless the host installed an SDK (and the API is not even loaded
// until then: otel.ts). One
// `readyz.check` span per check (or `readyz.heartbeat` per background round) and one `readyz.probe`
// child per real probe run; cache hits and heartbeat answers get no probe span because nothing ran.
// Every message put on a span has already passed the engine's redactor. A broken tracer must never
// break a check, so every helper here swallows what the SDK throws. Checks answered from the cache
// run through here on every request, so nothing is built that a no-op span would ignore.
import type { Context, Span, Tracer, TracerProvider } from '@opentelemetry/api';
import { NO_OP_SPAN } from './no-op-span.js';
import { loadOtelApi, otelApi } from './otel.js';

/** Instrumentation scope name of every span the engine starts. */
export const TRACER_NAME = '@rollgate/core';

/** Span attribute keys the engine writes. */
export const SPAN_ATTRIBUTES = {
  service: 'service.name',
  group: 'rollgate.group',
  status: 'rollgate.health.status',
  checkDuration: 'rollgate.check.duration_ms',
  dependency: 'rollgate.health.dependency',
  probeName: 'rollgate.probe.name',
  probeStatus: 'rollgate.probe.status',
  probeDuration: 'rollgate.probe.duration_ms',
  probeTimeout: 'rollgate.probe.timeout_ms',
  probeTimedOut: 'rollgate.probe.timed_out',
} as const;

// The global tracer, kept for as long as the global provider is the same object. Without an SDK that is
// the API's proxy provider: its tracer forwards to an SDK registered later, and `trace.disable()`
// replaces the provider, so a provider registered later is still honoured.
let globalProvider: TracerProvider | undefined;
let globalTracer: Tracer | undefined;

/**
 * The host's tracer, or the global one (looked up each time, so a provider registered later is honoured);
 * undefined while nothing can record (no host tracer, no OpenTelemetry global).
 */
export function tracerFor(tracer: Tracer | undefined): Tracer | undefined {
  if (tracer !== undefined) {
    loadOtelApi(); // its spans need the API's context functions
    return tracer;
  }
  const api = otelApi();
  if (api === undefined) return undefined;
  const provider = api.trace.getTracerProvider();
  if (provider !== globalProvider || globalTracer === undefined) {
    globalTracer = provider.getTracer(TRACER_NAME);
    globalProvider = provider;
  }
  return globalTracer;
}

/** A started parent span and the context that makes it the parent of probe spans. */
export interface ParentSpan {
  /** The span. */
  readonly span: Span;
  /**
   * Active context with the span set (made when first read: a check answered from the cache never needs it);
   * undefined when nothing records.
   */
  readonly context: Context | undefined;
}

class CheckSpan implements ParentSpan {
  private withSpan: Context | undefined;

  constructor(
    readonly span: Span,
    private readonly active: Context,
  ) {}

  get context(): Context {
    this.withSpan ??= loadOtelApi().trace.setSpan(this.active, this.span);
    return this.withSpan;
  }
}

// The parent of every check while nothing records.
const NO_PARENT: ParentSpan = Object.freeze({ span: NO_OP_SPAN, context: undefined });

/** Starts a `readyz.check` / `readyz.heartbeat` span under the caller's active context. */
export function startCheckSpan(
  tracer: Tracer | undefined,
  name: 'readyz.check' | 'readyz.heartbeat',
  service: string,
  group: string,
): ParentSpan {
  if (tracer === undefined) return NO_PARENT;
  const active = loadOtelApi().context.active();
  let span: Span;
  try {
    span = tracer.startSpan(name, {
      attributes: { [SPAN_ATTRIBUTES.service]: service, [SPAN_ATTRIBUTES.group]: group },
    });
  } catch {
    span = NO_OP_SPAN;
  }
  return new CheckSpan(span, active);
}

/** What a finished check span records. */
export interface CheckSpanEnd {
  /** ok, degraded or fail. */
  status: string;
  /** Whole check duration in ms. */
  durationMs: number;
  /** First failing critical probe, if any. */
  dependency: string | undefined;
  /** Its redacted error, or the lifecycle reason. */
  error: string | undefined;
}

/** Ends a check span; a failing check sets status ERROR with the redacted reason. */
export function endCheckSpan(span: Span, end: CheckSpanEnd): void {
  try {
    // A span that records nothing (no SDK, or sampled out) ignores attributes and status: skip building them.
    if (span.isRecording()) recordCheck(span, end);
    span.end();
  } catch {
    // tracing must never break a check
  }
}

function recordCheck(span: Span, end: CheckSpanEnd): void {
  span.setAttribute(SPAN_ATTRIBUTES.status, end.status);
  span.setAttribute(SPAN_ATTRIBUTES.checkDuration, end.durationMs);
  if (end.dependency !== undefined) span.setAttribute(SPAN_ATTRIBUTES.dependency, end.dependency);
  if (end.status === 'fail') {
    const reason =
      end.dependency !== undefined ? `${end.dependency}: ${end.error ?? 'failed'}` : (end.error ?? 'failed');
    span.setStatus({ code: loadOtelApi().SpanStatusCode.ERROR, message: reason });
  }
}

/** Starts a `readyz.probe` span as a child of `parent`. */
export function startProbeSpan(
  tracer: Tracer | undefined,
  parent: Context | undefined,
  service: string,
  probe: string,
  timeoutMs: number,
): Span {
  if (tracer === undefined) return NO_OP_SPAN;
  return guarded(
    () =>
      tracer.startSpan(
        'readyz.probe',
        {
          attributes: {
            [SPAN_ATTRIBUTES.service]: service,
            [SPAN_ATTRIBUTES.probeName]: probe,
            [SPAN_ATTRIBUTES.probeTimeout]: timeoutMs,
          },
        },
        parent,
      ),
    () => NO_OP_SPAN,
  );
}

/** What a finished probe span records. */
export interface ProbeSpanEnd {
  /** ok or fail. */
  status: 'ok' | 'fail';
  /** Duration in ms. */
  durationMs: number;
  /** Redacted error. */
  error: string | undefined;
  /** Whether the probe was failed at its timeout. */
  timedOut: boolean;
}

/**
 * Ends a probe span. A failure is recorded as an exception event carrying only the redacted message
 * (never the original Error, whose message and stack may hold the secret) and status ERROR.
 */
export function endProbeSpan(span: Span, end: ProbeSpanEnd): void {
  guarded(() => {
    span.setAttribute(SPAN_ATTRIBUTES.probeStatus, end.status);
    span.setAttribute(SPAN_ATTRIBUTES.probeDuration, end.durationMs);
    if (end.timedOut) span.setAttribute(SPAN_ATTRIBUTES.probeTimedOut, true);
    if (end.status === 'fail') {
      const message = end.error ?? 'failed';
      span.recordException({ name: end.timedOut ? 'ProbeTimeout' : 'ProbeFailure', message });
      span.setStatus({ code: loadOtelApi().SpanStatusCode.ERROR, message });
    }
    span.end();
  }, undefined);
}

/** Runs `fn` with `span` active, so spans the probe's own client starts become its children. */
export function withSpan<T>(parent: Context | undefined, span: Span, fn: () => T): T {
  if (parent === undefined || span === NO_OP_SPAN) return fn();
  const api = loadOtelApi();
  return api.context.with(api.trace.setSpan(parent, span), fn);
}

/** The active span (a host's HTTP server span, say), or undefined; loads nothing while nothing records. */
export function activeSpan(): Span | undefined {
  return otelApi()?.trace.getActiveSpan();
}

function guarded<T>(fn: () => T, fallback: (() => T) | undefined): T {
  try {
    return fn();
  } catch {
    return fallback ? fallback() : (undefined as T);
  }
}

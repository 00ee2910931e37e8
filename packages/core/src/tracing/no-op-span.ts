// The span of a check or a run when nothing can record (no OpenTelemetry global, no host tracer). The API's own
// non-recording span would need the API loaded; this one accepts and ignores everything, as that one does.
import type { Span, SpanContext } from '@opentelemetry/api';
import { loadOtelApi } from './otel.js';

class NoOpSpan implements Span {
  spanContext(): SpanContext {
    return loadOtelApi().INVALID_SPAN_CONTEXT; // asked for by no caller of the engine's; the API's own answer
  }
  setAttribute(): this {
    return this;
  }
  setAttributes(): this {
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(): this {
    return this;
  }
  updateName(): this {
    return this;
  }
  end(): void {}
  isRecording(): boolean {
    return false;
  }
  recordException(): void {}
}

/** The one span that records nothing. */
export const NO_OP_SPAN: Span = new NoOpSpan();

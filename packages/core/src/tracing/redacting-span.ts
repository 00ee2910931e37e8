// The probe span, as the probe's own code sees it. A probe runs with its span active, so a client library may
// call `trace.getActiveSpan().recordException(error)` or set attributes from the raw error: through this view,
// every string that reaches the span (attribute values, event names and attributes, exception messages, status
// messages) passes the health's redactor first, and an exception's stack is dropped (it repeats the message).
// Spans the client starts itself are children, outside the engine's reach: its instrumentation redacts those.
import type {
  Attributes,
  AttributeValue,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';

/** Wraps `span` so everything written through it is redacted with `redact`. */
export function redactingSpan(span: Span, redact: (text: string) => string): Span {
  return new RedactingSpan(span, redact);
}

class RedactingSpan implements Span {
  constructor(
    private readonly inner: Span,
    private readonly redact: (text: string) => string,
  ) {}

  spanContext(): SpanContext {
    return this.inner.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    this.inner.setAttribute(key, this.value(value));
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.inner.setAttributes(this.attributes(attributes));
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    const isAttributes =
      typeof attributesOrStartTime === 'object' &&
      attributesOrStartTime !== null &&
      !(attributesOrStartTime instanceof Date) &&
      !Array.isArray(attributesOrStartTime);
    if (isAttributes) {
      this.inner.addEvent(this.redact(name), this.attributes(attributesOrStartTime as Attributes), startTime);
    } else {
      this.inner.addEvent(this.redact(name), attributesOrStartTime as TimeInput | undefined, startTime);
    }
    return this;
  }

  addLink(link: Link): this {
    this.inner.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.inner.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.inner.setStatus(
      status.message === undefined ? status : { ...status, message: this.redact(status.message) },
    );
    return this;
  }

  updateName(name: string): this {
    this.inner.updateName(this.redact(name));
    return this;
  }

  end(endTime?: TimeInput): void {
    this.inner.end(endTime);
  }

  isRecording(): boolean {
    return this.inner.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.inner.recordException(this.exception(exception), time);
  }

  private exception(exception: Exception): Exception {
    if (typeof exception === 'string') return this.redact(exception);
    const name = typeof exception.name === 'string' ? exception.name : undefined;
    const message = typeof exception.message === 'string' ? this.redact(exception.message) : undefined;
    const code = exception.code;
    return {
      ...(name !== undefined ? { name } : {}),
      ...(message !== undefined ? { message } : { message: 'error' }),
      ...(typeof code === 'string' ? { code: this.redact(code) } : typeof code === 'number' ? { code } : {}),
    };
  }

  private value(value: AttributeValue): AttributeValue {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) {
      return value.map((item) => (typeof item === 'string' ? this.redact(item) : item)) as AttributeValue;
    }
    return value;
  }

  private attributes(attributes: Attributes): Attributes {
    const out: Attributes = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined) out[key] = this.value(value);
    }
    return out;
  }
}

// The OpenTelemetry API, loaded only once something can record. A host that installs an SDK registers it with the
// API, which keeps every registered global (tracer provider, context manager, propagator, diag logger) under
// `Symbol.for('opentelemetry.js.api.<major>')` on globalThis; a host that passes its own tracer has loaded the API
// too. Without either, every span would be a no-op, and loading @opentelemetry/api (CommonJS, many files) costs a
// fresh process more than the rest of the engine and readyz together. Looked up on every use until loaded, so an SDK
// registered after the health was created is still honoured.
import { createRequire } from 'node:module';
import type * as OtelApi from '@opentelemetry/api';

/** The @opentelemetry/api module. */
export type Otel = typeof OtelApi;

// The key of the API's globals for its major version 1 (`@opentelemetry/api` 1.x, the range rollgate supports).
const GLOBALS = Symbol.for('opentelemetry.js.api.1');

let loaded: Otel | undefined;

/** The API when a host registered an OpenTelemetry global (or the API is loaded already); otherwise undefined. */
export function otelApi(): Otel | undefined {
  if (loaded !== undefined) return loaded;
  return (globalThis as Record<symbol, unknown>)[GLOBALS] === undefined ? undefined : loadOtelApi();
}

/** The API, loaded now if it was not (a host tracer, or a span that records, needs it). */
export function loadOtelApi(): Otel {
  loaded ??= createRequire(import.meta.url)('@opentelemetry/api') as Otel;
  return loaded;
}

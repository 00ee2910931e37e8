import { activeSpan } from '@rollgate/core';

// The engine makes the `readyz.check` spans; the router adds no span of its own. It only names the
// route on the host's HTTP server span, when there is one (a no-op without an OpenTelemetry SDK).

/** Sets `http.route` on the active span, if any. */
export function annotateRoute(pattern: string): void {
  try {
    activeSpan()?.setAttribute('http.route', pattern);
  } catch {
    // tracing must never break an answer
  }
}

// A factory's `timeoutMs` is refused when the factory is called, not later at `health.register()`, so a
// misconfigured probe fails where it is written. The value then goes to the registration unchanged: the
// engine enforces it and writes the timeout text ("PING timeout after 300ms").
import { adapterError, show } from '../errors.js';

/** The engine's hard cap on any probe timeout (ms); equal to @rollgate/core's `PROBE_TIMEOUT_CAP_MS`. */
export const PROBE_TIMEOUT_CAP_MS = 5_000;

/** Validates a factory's `timeoutMs`: undefined (the health's default applies) or positive and at most the cap. */
export function probeTimeout(factory: string, timeoutMs: unknown): number | undefined {
  if (timeoutMs === undefined) return undefined;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      factory,
      'timeoutMs',
      `expected a positive number of ms, got ${show(timeoutMs)}`,
    );
  }
  if (timeoutMs > PROBE_TIMEOUT_CAP_MS) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      factory,
      'timeoutMs',
      `${timeoutMs}ms is above the ${PROBE_TIMEOUT_CAP_MS}ms cap`,
    );
  }
  return timeoutMs;
}

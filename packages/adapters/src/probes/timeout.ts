// A factory's `timeoutMs` is refused when the factory is called, not later at `health.register()`, so a
// misconfigured probe fails where it is written, with the engine's own codes and cap: the same mistake has
// the same code wherever it is made. The value then goes to the registration unchanged: the engine enforces
// it and writes the timeout text ("PING timeout after 300ms").
import { PROBE_TIMEOUT_CAP_MS, rollgateError } from '@rollgate/core';
import { show } from '../errors.js';

/**
 * Validates a factory's `timeoutMs`: undefined (the health's default applies), or positive and at most the
 * engine's cap (`ROLLGATE_ERR_INVALID_TIMEOUT`, `ROLLGATE_ERR_PROBE_TIMEOUT_CAP` otherwise).
 */
export function probeTimeout(factory: string, timeoutMs: unknown): number | undefined {
  if (timeoutMs === undefined) return undefined;
  const label = `${factory} timeoutMs`;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw rollgateError('ROLLGATE_ERR_INVALID_TIMEOUT', label, show(timeoutMs));
  }
  if (timeoutMs > PROBE_TIMEOUT_CAP_MS) {
    throw rollgateError('ROLLGATE_ERR_PROBE_TIMEOUT_CAP', label, timeoutMs, PROBE_TIMEOUT_CAP_MS);
  }
  return timeoutMs;
}

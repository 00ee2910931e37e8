// A factory's `timeoutMs` is refused when the factory is called, not later at `health.register()`, so a
// misconfigured probe fails where it is written, with the engine's own codes and cap: the same mistake has
// the same code wherever it is made. The value then goes to the registration unchanged: the engine enforces
// it and writes the timeout text ("PING timeout after 300ms").
import { checkTimeout } from '@rollgate/core';

/**
 * Validates a factory's `timeoutMs`: undefined (the health's default applies), or positive and at most the
 * engine's cap (`ROLLGATE_ERR_INVALID_TIMEOUT`, `ROLLGATE_ERR_PROBE_TIMEOUT_CAP` otherwise).
 */
export function probeTimeout(factory: string, timeoutMs: unknown): number | undefined {
  if (timeoutMs === undefined) return undefined;
  checkTimeout(`${factory} timeoutMs`, timeoutMs);
  return timeoutMs;
}

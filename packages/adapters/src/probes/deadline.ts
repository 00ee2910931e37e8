// A probe factory that knows its timeout enforces it itself, so the failure names the operation that
// hung ("PING timeout after 300ms", as the /readyz contract shows) instead of the engine's generic
// "timeout after 300ms". The engine still gets a timeout, a little later, as a backstop.
import { adapterError, show } from '../errors.js';

/** The engine's hard cap on any probe timeout (ms). */
export const PROBE_TIMEOUT_CAP_MS = 5_000;

/** How much later than the probe's own deadline the engine's backstop timeout fires (ms). */
export const ENGINE_BACKSTOP_MS = 50;

/** The probe's own deadline and the timeout to register with the engine. */
export interface ProbeTimeouts {
  /** The probe's own deadline, or undefined to leave timing to the engine alone. */
  readonly own: number | undefined;
  /** `timeoutMs` of the registration (undefined: the health's default applies). */
  readonly registration: number | undefined;
}

/** Validates a factory's `timeoutMs` (positive, at most the 5,000 ms cap) and derives both timeouts. */
export function probeTimeouts(factory: string, timeoutMs: unknown): ProbeTimeouts {
  if (timeoutMs === undefined) return { own: undefined, registration: undefined };
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
  return { own: timeoutMs, registration: Math.min(timeoutMs + ENGINE_BACKSTOP_MS, PROBE_TIMEOUT_CAP_MS) };
}

/** The error a probe fails with when its own deadline passes. */
export class ProbeTimeoutError extends Error {
  /** `message` reads `<operation> timeout after <n>ms`. */
  constructor(message: string) {
    super(message);
    // The name fetch and AbortSignal.timeout() use, so clients and the engine treat it as a timeout.
    this.name = 'TimeoutError';
  }
}

function abortedError(operation: string, reason: unknown): Error {
  const why =
    reason instanceof Error || (typeof reason === 'object' && reason !== null && 'message' in reason)
      ? String((reason as { message: unknown }).message)
      : String(reason);
  const error = new Error(`${operation} aborted: ${why}`);
  error.name = 'AbortError';
  return error;
}

/**
 * Runs `work` until it settles, the engine aborts `engineSignal`, or `timeoutMs` passes, whichever
 * comes first. `work` receives a signal aborted in both cases so it can cancel what it started;
 * its promise is abandoned (rejection handled) once the deadline wins. `operation()` names what is
 * in progress at that moment. No timer or listener outlives the call.
 */
export async function withDeadline<T>(
  engineSignal: AbortSignal,
  timeoutMs: number | undefined,
  operation: () => string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (engineSignal.aborted) throw abortedError(operation(), engineSignal.reason);
  const controller = new AbortController();
  let rejectDeadline: (reason: Error) => void = () => {};
  const deadline = new Promise<never>((_, reject) => {
    rejectDeadline = reject;
  });
  const abort = (error: Error) => {
    if (controller.signal.aborted) return;
    rejectDeadline(error);
    controller.abort(error);
  };
  const onEngineAbort = () => abort(abortedError(operation(), engineSignal.reason));
  engineSignal.addEventListener('abort', onEngineAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => abort(new ProbeTimeoutError(`${operation()} timeout after ${timeoutMs}ms`)),
          timeoutMs,
        );
  try {
    const pending = work(controller.signal);
    pending.catch(() => {}); // abandoned when the deadline wins; its late rejection is expected
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
    engineSignal.removeEventListener('abort', onEngineAbort);
  }
}

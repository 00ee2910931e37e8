// The engine fails a probe at its timeout and then aborts the probe's signal. Drivers do not all honour
// an AbortSignal (ioredis' ping(), kafkajs' Admin), so each factory's work runs under `untilAborted`: the
// probe rejects as soon as its signal aborts, with an AbortError, which the engine expects from a probe
// that honours its signal and never logs as a late rejection.

function abortedError(operation: string, reason: unknown): Error {
  let why: string;
  try {
    why =
      typeof reason === 'object' && reason !== null && 'message' in reason
        ? String((reason as { message: unknown }).message)
        : String(reason);
  } catch {
    why = 'aborted';
  }
  const error = new Error(`${operation} aborted: ${why}`);
  error.name = 'AbortError';
  return error;
}

/**
 * Runs `work(signal)` and settles with it, unless `signal` aborts first: then it rejects at once with an
 * `AbortError` reading `<operation> aborted: <reason>`. `work` gets the same signal, to cancel what it
 * started; its own late rejection is handled. No listener outlives the call.
 */
export async function untilAborted<T>(
  signal: AbortSignal,
  operation: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal.aborted) throw abortedError(operation, signal.reason);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError(operation, signal.reason));
  });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const pending = work(signal);
    pending.catch(() => {}); // abandoned once the signal aborts; its late rejection is expected
    return await Promise.race([pending, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

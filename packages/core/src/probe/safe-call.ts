// Host callbacks (change listeners, sinks, loggers) run inside the check path. Whatever they do,
// throw or return a rejecting promise, the check goes on and nothing becomes unhandled.

/** Calls `fn(arg)`; a throw or a rejection is passed to `onError`, which itself must not throw. */
export function callSafely<T>(fn: (arg: T) => unknown, arg: T, onError: (error: unknown) => void): void {
  try {
    const returned = fn(arg);
    if (
      typeof returned === 'object' &&
      returned !== null &&
      typeof (returned as { then?: unknown }).then === 'function'
    ) {
      (returned as PromiseLike<unknown>).then(undefined, (error: unknown) => swallow(onError, error));
    }
  } catch (error) {
    swallow(onError, error);
  }
}

function swallow(onError: (error: unknown) => void, error: unknown): void {
  try {
    onError(error);
  } catch {
    // The error reporter failed too; there is nowhere left to report to.
  }
}

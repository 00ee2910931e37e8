// A window timer for the probes that measure over time (event-loop delay and utilisation): it closes a window
// every `windowMs`, is unref'd so it never holds the process open, and stops for good on `stop()` (the probe's
// `close`, which `health.close()` calls).

/** A running window timer. */
export interface WindowTimer {
  /** Stops the timer; idempotent. */
  stop(): void;
}

/** Calls `onWindow` every `windowMs` until stopped. */
export function everyWindow(windowMs: number, onWindow: () => void): WindowTimer {
  const timer = setInterval(onWindow, windowMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}

// The background loop of heartbeat mode: a first round at once, then one every interval. Timers are
// unref'd (a health must never keep a process alive) and a round never overlaps the previous one,
// so a slow round cannot make one probe result count twice.

/** Starts the loop; returns the function that stops it. `round` must not reject. */
export function startHeartbeat(intervalMs: number, round: () => Promise<void>): () => void {
  let busy = false;
  let stopped = false;
  const tick = (): void => {
    if (busy || stopped) return;
    busy = true;
    round().then(
      () => {
        busy = false;
      },
      () => {
        busy = false;
      },
    );
  };
  const first = setTimeout(tick, 0);
  const interval = setInterval(tick, intervalMs);
  unref(first);
  unref(interval);
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(interval);
  };
}

function unref(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}

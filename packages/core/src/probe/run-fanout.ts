// The `probe` event: every real run of a probe, announced once as it settles (single flight means one run per
// slot, however many callers wait on it). Cache hits never announce, so per-probe metrics count real runs only.
import type { RegisteredProbe } from './registry.js';
import type { ProbeResult } from './run-probe.js';
import { callSafely } from './safe-call.js';
import type { ProbeRun } from './types.js';

/** Subscribers to real probe runs. */
export interface RunFanout {
  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (run: ProbeRun) => void): () => void;
  /** Announces one settled run to every subscriber; a throwing subscriber is reported, never propagated. */
  announce(probe: RegisteredProbe, result: ProbeResult): void;
}

/** Creates the fan-out; `onError` hears a subscriber that threw. */
export function createRunFanout(onError: (error: unknown) => void): RunFanout {
  const listeners = new Set<(run: ProbeRun) => void>();
  return {
    subscribe(listener) {
      // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
      const entry = (run: ProbeRun): void => listener(run);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    announce(probe, result) {
      if (listeners.size === 0) return;
      const run: ProbeRun = {
        name: probe.name,
        groups: probe.groups,
        critical: probe.critical,
        status: result.status,
        durationMs: result.durationMs,
        error: result.error,
        settledAt: result.settledAt,
        timedOut: result.timedOut,
        ...(result.simulated === true ? { simulated: true } : {}),
      };
      for (const listener of [...listeners]) callSafely(listener, run, onError);
    },
  };
}

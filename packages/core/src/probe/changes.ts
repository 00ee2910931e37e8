// Status transitions per group: `change` listeners and the contract's health events to sinks. A
// transition is a report whose status differs from the group's previous one (the first report of a
// group is a transition from nothing). Listeners and sinks that throw or reject never break a check.
import type { HealthReport } from '@rollgate/contract';
import { callSafely } from './safe-call.js';
import { type EventContext, healthEvent } from './telemetry.js';
import type { HealthChange, ProbeGroupName, TelemetrySink } from './types.js';

/** Tracks the last status of each group and announces transitions. */
export interface ChangeTracker {
  /** Adds a listener; returns its unsubscribe function. */
  on(listener: (change: HealthChange) => void): () => void;
  /** Records a full report of `group`, announcing it when its status changed. */
  observe(group: ProbeGroupName, report: HealthReport): void;
}

/** What the tracker needs. */
export interface ChangeTrackerOptions {
  /** Telemetry sinks. */
  readonly sinks: readonly TelemetrySink[];
  /** Fields of every event. */
  readonly events: EventContext;
  /** Wall clock, epoch ms. */
  readonly wall: () => number;
  /** Reports a listener or sink failure (to the host's logger). */
  readonly onError: (source: 'listener' | 'sink', error: unknown) => void;
}

/** Creates a tracker. */
export function createChangeTracker(options: ChangeTrackerOptions): ChangeTracker {
  const listeners = new Set<(change: HealthChange) => void>();
  const last = new Map<ProbeGroupName, HealthReport>();
  return {
    on(listener) {
      // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
      const entry = (change: HealthChange): void => listener(change);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    observe(group, report) {
      const previous = last.get(group);
      last.set(group, report);
      if (previous?.status === report.status) return;
      for (const listener of [...listeners]) {
        // Each listener gets its own copy: one that mutates a report cannot change what others (or the caller) see.
        const change: HealthChange = {
          group,
          previous: copy(previous),
          current: copy(report) as HealthReport,
        };
        callSafely(listener, change, (error) => options.onError('listener', error));
      }
      if (options.sinks.length === 0) return;
      let event: ReturnType<typeof healthEvent>;
      try {
        event = healthEvent(options.events, group, report, options.wall());
      } catch (error) {
        options.onError('sink', error);
        return;
      }
      for (const sink of options.sinks)
        callSafely(sink, copy(event), (error) => options.onError('sink', error));
    },
  };
}

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

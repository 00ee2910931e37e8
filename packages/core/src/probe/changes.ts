// Status transitions per group: `change` listeners and the contract's health events to sinks. A
// transition is a report whose status differs from the group's previous one (the first report of a
// group is a transition from nothing). Listeners and sinks that throw or reject never break a check.
import type { HealthReport } from '@rollgate/contract';
import { callSafely } from './safe-call.js';
import { type EventContext, healthEvent } from './telemetry.js';
import type { HealthChange, HealthEventEmitter, ProbeGroupName, TelemetrySink } from './types.js';

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
  /** The host's emitter, when given; called like a sink, and an `{ ok: false, issues }` answer is an error too. */
  readonly emitter?: HealthEventEmitter | undefined;
  /** Fields of every event. */
  readonly events: EventContext;
  /** Wall clock, epoch ms. */
  readonly wall: () => number;
  /** Reports a listener or sink failure (to the host's logger). */
  readonly onError: (source: 'listener' | 'sink' | 'emitter', error: unknown) => void;
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
      const emitter = options.emitter;
      if (options.sinks.length === 0 && emitter === undefined) return;
      let event: ReturnType<typeof healthEvent>;
      try {
        event = healthEvent(options.events, group, report, options.wall());
      } catch (error) {
        options.onError('sink', error);
        return;
      }
      for (const sink of options.sinks)
        callSafely(sink, copy(event), (error) => options.onError('sink', error));
      if (emitter !== undefined) {
        const onError = (error: unknown): void => options.onError('emitter', error);
        callSafely((e: typeof event) => refusalToError(emitter.emit(e)), copy(event), onError);
      }
    },
  };
}

// An emitter answers an invalid event with `{ ok: false, issues }` (data, not a throw); the engine still must
// not let that pass unheard, so it becomes a rejection that callSafely reports.
function refusalToError(answer: unknown): unknown {
  const isRefusal = (value: unknown): value is { ok: false; issues: unknown } =>
    typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
  if (isRefusal(answer)) return Promise.reject(new Error(`event refused: ${JSON.stringify(answer.issues)}`));
  if (
    typeof answer === 'object' &&
    answer !== null &&
    typeof (answer as PromiseLike<unknown>).then === 'function'
  ) {
    return Promise.resolve(answer).then((settled) => {
      if (isRefusal(settled)) throw new Error(`event refused: ${JSON.stringify(settled.issues)}`);
    });
  }
  return answer;
}

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

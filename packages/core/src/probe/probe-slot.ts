// Single flight and caching, per probe (never per group, so one slow probe never queues the fast
// ones). A slot holds a probe's one in-flight run and its last settled result; every check asks the
// slot, and only the slot decides whether a real run starts.
import type { RegisteredProbe } from './registry.js';
import type { ProbeResult, RunHandle } from './run-probe.js';

/** A probe's shared state. */
export interface ProbeSlot {
  /** The probe. */
  readonly probe: RegisteredProbe;
  /** Last settled result of a real run. */
  last: ProbeResult | undefined;
  /** The run in flight, shared by every caller until it settles. */
  inflight: (RunHandle & { readonly shared: Promise<ProbeResult> }) | undefined;
  /** The engine's result revision, moved on whenever `last` changes (kept group answers compare it). */
  readonly revision: Revision;
}

/** A counter every slot of one health moves on when its result changes. */
export interface Revision {
  /** Changes so far. */
  value: number;
}

/** Creates an empty slot that counts its result changes in `revision`. */
export function createSlot(probe: RegisteredProbe, revision: Revision): ProbeSlot {
  return { probe, last: undefined, inflight: undefined, revision };
}

/** A result available now, or a run to wait for. */
export type Obtained =
  | { readonly kind: 'settled'; readonly result: ProbeResult; readonly cached: true }
  | { readonly kind: 'pending'; readonly promise: Promise<ProbeResult> };

/** How a caller wants a result. */
export interface ObtainPolicy {
  /** Reuse a result settled less than this long ago (0: never reuse). */
  readonly ttlMs: number;
  /** Answer with a stale result at once while one refresh runs. */
  readonly staleWhileRevalidate: boolean;
  /** Current monotonic time. */
  readonly now: number;
}

/**
 * Answers from the cache when the last result is fresh; otherwise joins the run in flight or starts
 * one. With stale-while-revalidate a stale result answers at once and at most one refresh runs.
 */
export function obtain(slot: ProbeSlot, policy: ObtainPolicy, start: () => RunHandle): Obtained {
  const last = slot.last;
  if (last !== undefined && policy.now - last.finishedAt < policy.ttlMs) {
    return { kind: 'settled', result: last, cached: true };
  }
  const run = slot.inflight ?? begin(slot, start);
  if (policy.staleWhileRevalidate && last !== undefined)
    return { kind: 'settled', result: last, cached: true };
  return { kind: 'pending', promise: run.shared };
}

/**
 * Makes the last result stale, so the next check runs the probe (a drill starting or ending); it stays readable for
 * snapshots and stale-while-revalidate.
 */
export function expire(slot: ProbeSlot): void {
  if (slot.last === undefined) return;
  slot.last = { ...slot.last, finishedAt: Number.NEGATIVE_INFINITY };
  slot.revision.value += 1;
}

/** Joins the run in flight or starts one, ignoring the cache (heartbeat rounds). */
export function runNow(slot: ProbeSlot, start: () => RunHandle): Promise<ProbeResult> {
  return (slot.inflight ?? begin(slot, start)).shared;
}

function begin(slot: ProbeSlot, start: () => RunHandle): NonNullable<ProbeSlot['inflight']> {
  const handle = start();
  // The slot is updated before any caller's continuation runs (first handler registered, first called).
  const shared = handle.promise.then((result) => {
    slot.last = result;
    slot.revision.value += 1;
    if (slot.inflight === run) slot.inflight = undefined;
    return result;
  });
  const run = { promise: handle.promise, cancel: handle.cancel, shared };
  slot.inflight = run;
  return run;
}

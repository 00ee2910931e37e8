// Report entries from real probe runs: each probe's slot answers from its cache or joins or starts one run, and
// the whole check waits at most until its deadline. Synchronous when every result is already settled (the cache
// answers): no promise, no deadline timer.

import type { ParentSpan } from '../tracing/spans.js';
import { tracerFor } from '../tracing/spans.js';
import { collect } from './deadline.js';
import { drilledProbe, markSimulated } from './drills.js';
import { type Engine, slotOf } from './engine.js';
import { DEADLINE_SLACK_MS } from './limits.js';
import { type Obtained, obtain, type ProbeSlot } from './probe-slot.js';
import type { RegisteredProbe } from './registry.js';
import type { ReportEntry } from './report.js';
import { type ProbeResult, type RunHandle, runProbe } from './run-probe.js';

/**
 * The starter of a real run of `slot`'s probe. The parent's context is read only when a run really starts (a
 * cache hit never builds it); every real run is announced once to `probe` listeners.
 */
export function starter(engine: Engine, slot: ProbeSlot, parent: ParentSpan, background: boolean) {
  return (): RunHandle => {
    const { config } = engine;
    // A drill is looked up only here, when a run really starts: a cached answer never pays for drills.
    const probe = engine.drills.size === 0 ? slot.probe : drilledProbe(engine, slot.probe);
    const run = runProbe(probe, {
      service: config.service,
      redact: engine.redact,
      wall: config.wall,
      monotonic: config.monotonic,
      logger: config.logger === undefined ? undefined : { warn: engine.warn },
      tracer: tracerFor(config.tracer),
      parent: parent.context,
      background,
    });
    const handle = probe === slot.probe ? run : markSimulated(run);
    handle.promise.then(
      (result) => engine.runs.announce(slot.probe, result),
      () => undefined,
    );
    return handle;
  };
}

/** Entries of `selected`, fresh as of `now` (the monotonic time the check started). */
export function liveEntries(
  engine: Engine,
  selected: readonly RegisteredProbe[],
  parent: ParentSpan,
  now: number,
): ReportEntry[] | Promise<ReportEntry[]> {
  const { config } = engine;
  const policy = { ttlMs: config.cacheTtlMs, staleWhileRevalidate: config.staleWhileRevalidate, now };
  const items: Obtained[] = [];
  let waiting = false;
  for (const probe of selected) {
    const slot = slotOf(engine, probe);
    const item = obtain(slot, policy, starter(engine, slot, parent, false));
    if (item.kind === 'pending') waiting = true;
    items.push(item);
  }
  if (!waiting) {
    return selected.map((probe, index) => {
      const item = items[index] as Obtained & { kind: 'settled' };
      return liveEntry(engine, probe, item.result, true, true);
    });
  }
  const deadlineMs =
    config.deadlineMs ?? Math.max(0, ...selected.map((probe) => probe.timeoutMs)) + DEADLINE_SLACK_MS;
  const late = new Set<number>();
  const collected = collect(items, deadlineMs, (index) => {
    late.add(index);
    return deadlineResult(engine, deadlineMs);
  });
  return collected.then((results) =>
    selected.map((probe, index) =>
      liveEntry(
        engine,
        probe,
        results[index] as ProbeResult,
        items[index]?.kind === 'settled',
        !late.has(index),
      ),
    ),
  );
}

function liveEntry(
  engine: Engine,
  probe: RegisteredProbe,
  result: ProbeResult,
  cached: boolean,
  observed: boolean,
): ReportEntry {
  return {
    name: probe.name,
    critical: probe.critical,
    status: result.status,
    durationMs: result.durationMs,
    error: result.error,
    cached,
    observedAt: observed ? engine.stamps.of(result) : undefined,
    simulated: result.simulated === true,
  };
}

// A probe still running at the check's deadline answers this check as failed; its run goes on for the next one.
function deadlineResult(engine: Engine, deadlineMs: number): ProbeResult {
  return {
    status: 'fail',
    durationMs: deadlineMs,
    error: engine.redact(`check deadline exceeded after ${deadlineMs}ms`),
    settledAt: engine.config.wall(),
    finishedAt: engine.config.monotonic(),
    timedOut: true,
  };
}

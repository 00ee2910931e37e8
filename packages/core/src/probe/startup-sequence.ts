// A startup probe with retries runs as a sequence of attempts that outlives any one check: the first startup
// check begins it, each attempt is a real run with the probe's own timeout (the 5 s cap holds), and a failed
// attempt is retried after the schedule's backoff by an unref'd timer, until one passes or the budget runs out.
// A check waits for the attempt in flight (bounded by its timeout) and otherwise answers from the sequence's state.
import type { ParentSpan } from '../tracing/spans.js';
import { type Engine, slotOf } from './engine.js';
import { starter } from './live-entries.js';
import { runNow } from './probe-slot.js';
import type { RegisteredProbe } from './registry.js';
import type { ReportEntry } from './report.js';
import { nextStep, type ResolvedRetries } from './retry-schedule.js';
import type { ProbeResult } from './run-probe.js';

/** Where a sequence stands. */
export interface StartupSequence {
  /** The probe. */
  readonly probe: RegisteredProbe;
  /** Its retries. */
  readonly retries: ResolvedRetries;
  /** Monotonic time the first attempt started; the budget counts from it. */
  readonly startedAt: number;
  /** Context of the check that began the sequence: later attempts' spans hang under it. */
  readonly parent: ParentSpan;
  /** The attempt running or last run (1-based). */
  attempt: number;
  /** running: an attempt is in flight; waiting: backing off; passed and exhausted are final. */
  phase: 'running' | 'waiting' | 'passed' | 'exhausted';
  /** The attempt in flight, settled after the sequence has taken its result in. */
  current: Promise<void> | undefined;
  /** Result of the last settled attempt. */
  last: ProbeResult | undefined;
  /** Monotonic time the next attempt starts, while waiting. */
  nextAt: number | undefined;
  /** Why the sequence gave up. */
  why: string | undefined;
  /** The backoff timer, while waiting. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The entry of a startup probe with retries: begins its sequence on first call, waits for an attempt in flight. */
export function sequenceEntry(
  engine: Engine,
  probe: RegisteredProbe & { readonly retries: ResolvedRetries },
  parent: ParentSpan,
): ReportEntry | Promise<ReportEntry> {
  let sequence = engine.sequences.get(probe.name);
  if (sequence === undefined) {
    sequence = {
      probe,
      retries: probe.retries,
      startedAt: engine.config.monotonic(),
      parent,
      attempt: 0,
      phase: 'running',
      current: undefined,
      last: undefined,
      nextAt: undefined,
      why: undefined,
      timer: undefined,
    };
    engine.sequences.set(probe.name, sequence);
    attempt(engine, sequence);
  }
  const running = sequence;
  if (running.phase === 'running' && running.current !== undefined) {
    return running.current.then(() => entryOf(engine, running, false));
  }
  return entryOf(engine, running, true);
}

/** Stops every sequence's backoff timer (`close()`); runs in flight are cancelled with their slots. */
export function stopSequences(engine: Engine): void {
  for (const sequence of engine.sequences.values()) {
    if (sequence.timer !== undefined) clearTimeout(sequence.timer);
    sequence.timer = undefined;
  }
}

function attempt(engine: Engine, sequence: StartupSequence): void {
  if (engine.state === 'closed') return;
  sequence.attempt += 1;
  sequence.phase = 'running';
  sequence.nextAt = undefined;
  const slot = slotOf(engine, sequence.probe);
  // Background: nobody may be waiting on a retry, and it must not hold the process open.
  sequence.current = runNow(slot, starter(engine, slot, sequence.parent, true)).then((result) => {
    sequence.last = result;
    sequence.current = undefined;
    settle(engine, sequence, result);
  });
}

function settle(engine: Engine, sequence: StartupSequence, result: ProbeResult): void {
  if (result.status === 'ok') {
    sequence.phase = 'passed';
    return;
  }
  if (engine.state === 'closed') {
    sequence.phase = 'exhausted';
    sequence.why = 'closed';
    return;
  }
  const step = nextStep(sequence.retries, sequence.attempt, engine.config.monotonic() - sequence.startedAt);
  if (step.kind === 'exhausted') {
    sequence.phase = 'exhausted';
    sequence.why = step.why;
    engine.warn(
      { probe: sequence.probe.name, attempts: sequence.attempt, error: result.error },
      `startup probe ${sequence.probe.name}: ${step.why}`,
    );
    return;
  }
  sequence.phase = 'waiting';
  sequence.nextAt = engine.config.monotonic() + step.waitMs;
  sequence.timer = setTimeout(() => {
    sequence.timer = undefined;
    attempt(engine, sequence);
  }, step.waitMs);
  (sequence.timer as { unref?: () => void }).unref?.();
}

function entryOf(engine: Engine, sequence: StartupSequence, cached: boolean): ReportEntry {
  const { probe, last } = sequence;
  const total = sequence.retries.attempts;
  let error: string | undefined;
  if (sequence.phase === 'exhausted') error = `${sequence.why}: ${last?.error ?? 'failed'}`;
  else if (sequence.phase === 'waiting') {
    const inMs = Math.max(0, Math.round((sequence.nextAt ?? 0) - engine.config.monotonic()));
    error = `attempt ${sequence.attempt} of ${total} failed: ${last?.error ?? 'failed'}; attempt ${sequence.attempt + 1} in ${inMs}ms`;
  }
  return {
    name: probe.name,
    critical: probe.critical,
    status: sequence.phase === 'passed' ? 'ok' : 'fail',
    durationMs: last?.durationMs ?? 0,
    error: error === undefined ? undefined : engine.redact(error),
    cached,
    observedAt: last === undefined ? undefined : engine.stamps.of(last),
    simulated: last?.simulated === true,
    attempt: sequence.attempt,
  };
}

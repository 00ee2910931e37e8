// Failure drills (`health.simulate()`): for a bounded time a registered probe fails at once, hangs, or answers
// late, then the drill ends by itself. A drill changes only what the probe's check does: every run still goes
// through run-probe.ts, so a hanging drill meets the probe's real timeout and its AbortSignal fires. Each result
// a drill drove carries `simulated: true`, so reports, logs and metrics never mistake a drill for an outage.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { formatTimestamp } from '@rollgate/contract/time';
import { rollgateError } from '../errors.js';
import type { Engine } from './engine.js';
import { MAX_DRILL_LATENCY_MS, MAX_DRILL_MS } from './limits.js';
import { expire } from './probe-slot.js';
import type { RegisteredProbe } from './registry.js';
import type { RunHandle } from './run-probe.js';
import type { Drill, ProbeCheck, SimulationMode, SimulationOptions } from './types.js';

/** The error text of a `fail` drill. */
export const SIMULATED_FAILURE = 'simulated failure (drill)';

/** A drill in progress and the timer that ends it. */
export interface ActiveDrill {
  /** What `drills()` describes. */
  readonly drill: Drill;
  /** Ends the drill after `forMs`; unref'd, cleared by `endSimulation()` and `close()`. */
  readonly timer: ReturnType<typeof setTimeout>;
}

const SIMULATION_KEYS = Object.keys({
  mode: true,
  latencyMs: true,
  forMs: true,
} satisfies Record<keyof SimulationOptions, true>);
const MODES: readonly SimulationMode[] = ['fail', 'hang', 'latency'];

/**
 * `health.simulate()`: validates, replaces any drill on the probe, expires its cached result so the next check
 * sees the drill at once, and logs it. Throws `ROLLGATE_ERR_UNKNOWN_PROBE`, `ROLLGATE_ERR_INVALID_SIMULATION`,
 * `ROLLGATE_ERR_UNKNOWN_OPTION` or `ROLLGATE_ERR_HEALTH_CLOSED`.
 */
export function startDrill(engine: Engine, name: string, options: SimulationOptions): Drill {
  if (engine.state === 'closed') throw rollgateError('ROLLGATE_ERR_HEALTH_CLOSED', 'start a drill');
  const slot = typeof name === 'string' ? engine.slots.get(name) : undefined;
  if (slot === undefined) throw rollgateError('ROLLGATE_ERR_UNKNOWN_PROBE', JSON.stringify(String(name)));
  const { mode, latencyMs, forMs } = readOptions(name, options);
  endDrill(engine, name, 'replaced');
  const started = engine.config.wall();
  const drill: Drill = Object.freeze({
    probe: name,
    mode,
    latencyMs,
    forMs,
    startedAt: formatTimestamp(started, engine.config.timestampOffset),
    endsAt: formatTimestamp(started + forMs, engine.config.timestampOffset),
  });
  const timer = setTimeout(() => endDrill(engine, name, 'expired'), forMs);
  (timer as { unref?: () => void }).unref?.();
  engine.drills.set(name, { drill, timer });
  expire(slot);
  engine.warn(
    { probe: name, mode, forMs, ...(latencyMs === undefined ? {} : { latencyMs }), simulated: true },
    `drill started on probe ${name} (${mode}, ${forMs}ms): a simulated failure, not an outage`,
  );
  return drill;
}

/** Ends the drill on `name`; false when none was running. */
export function endDrill(
  engine: Engine,
  name: string,
  why: 'ended' | 'expired' | 'replaced' | 'closed',
): boolean {
  const active = engine.drills.get(name);
  if (active === undefined) return false;
  clearTimeout(active.timer);
  engine.drills.delete(name);
  const slot = engine.slots.get(name);
  // The drill's last result must not outlive it in the cache: the next check runs the real probe.
  if (slot !== undefined) expire(slot);
  if (why !== 'replaced') {
    engine.warn(
      { probe: name, mode: active.drill.mode, simulated: true, end: why },
      `drill on probe ${name} ${why}`,
    );
  }
  return true;
}

/** Ends every drill (`close()`): no timer is left behind. */
export function endAllDrills(engine: Engine): void {
  for (const name of [...engine.drills.keys()]) endDrill(engine, name, 'closed');
}

/** The probe as a drill on it runs it, or the probe itself when no drill is running. */
export function drilledProbe(engine: Engine, probe: RegisteredProbe): RegisteredProbe {
  const active = engine.drills.get(probe.name);
  if (active === undefined) return probe;
  return { ...probe, check: drilledCheck(probe.check, active.drill) };
}

/** Marks every result of a run a drill drove `simulated`. */
export function markSimulated(handle: RunHandle): RunHandle {
  return {
    promise: handle.promise.then((result) => ({ ...result, simulated: true })),
    cancel: handle.cancel,
  };
}

function drilledCheck(check: ProbeCheck, drill: Drill): ProbeCheck {
  if (drill.mode === 'fail') {
    return () => {
      throw new Error(SIMULATED_FAILURE);
    };
  }
  // Never settles on its own: the run's timer fails it with the real `timeout after <n>ms` and aborts the signal,
  // whose reason this rejects with (the run expects exactly that and stays quiet about it).
  if (drill.mode === 'hang') {
    return (signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
  }
  const delayMs = drill.latencyMs ?? 0;
  return (signal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }).then(() => check(signal));
}

function readOptions(
  name: string,
  options: SimulationOptions,
): { mode: SimulationMode; latencyMs: number | undefined; forMs: number } {
  const refuse = (why: string): never => {
    throw rollgateError('ROLLGATE_ERR_INVALID_SIMULATION', JSON.stringify(name), why);
  };
  if (typeof options !== 'object' || options === null) refuse('expected { mode, forMs }');
  rejectUnknownOptions(options, SIMULATION_KEYS, `simulate(${JSON.stringify(name)})`);
  const { mode, latencyMs, forMs } = options;
  if (!MODES.includes(mode)) refuse(`mode must be one of ${MODES.join(', ')}`);
  if (typeof forMs !== 'number' || !Number.isInteger(forMs) || forMs < 1 || forMs > MAX_DRILL_MS)
    refuse(`forMs is required: an integer from 1 to ${MAX_DRILL_MS} (one hour)`);
  if (mode === 'latency') {
    if (
      typeof latencyMs !== 'number' ||
      !Number.isInteger(latencyMs) ||
      latencyMs < 1 ||
      latencyMs > MAX_DRILL_LATENCY_MS
    )
      refuse(`latencyMs is required in latency mode: an integer from 1 to ${MAX_DRILL_LATENCY_MS}`);
    return { mode, latencyMs, forMs };
  }
  if (latencyMs !== undefined) refuse('latencyMs applies to latency mode only');
  return { mode, latencyMs: undefined, forMs };
}

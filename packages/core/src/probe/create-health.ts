// createHealth: validates the options, builds the engine state (engine.ts) and returns the Health whose methods
// are the named functions below. What a check answers lives in check.ts, live runs in live-entries.ts, heartbeat
// mode in heartbeat-round.ts, `?exclude=` in selection.ts and the `probe` event in run-fanout.ts.
import type { HealthReport } from '@rollgate/contract';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import { cachedReport, checkGroup, checkOneProbe, failedCheck, internalFailure } from './check.js';
import { endAllDrills, endDrill, startDrill } from './drills.js';
import { createEngine, type Engine, reportContext } from './engine.js';
import { startHeartbeat } from './heartbeat.js';
import { heartbeatRound } from './heartbeat-round.js';
import { advance } from './lifecycle.js';
import { resolveOptions } from './options.js';
import { describeRejection } from './outcome.js';
import { createSlot } from './probe-slot.js';
import { isProbeGroup, validateRegistration } from './registry.js';
import { lifecycleReport } from './report.js';
import { secretProblem } from './secrets.js';
import { stopSequences } from './startup-sequence.js';
import type {
  CheckOptions,
  Health,
  HealthChange,
  HealthOptions,
  ProbeGroupName,
  ProbeRegistration,
  ProbeRun,
  ProbeSnapshot,
} from './types.js';

/**
 * Creates a health: register probes, then `check(group)`. Throws a coded `RollgateError` for invalid
 * options (e.g. `ROLLGATE_ERR_PROBE_TIMEOUT_CAP` for a `probeTimeoutMs` above 5000, `ROLLGATE_ERR_UNKNOWN_OPTION`
 * for a misspelled key).
 */
export function createHealth(options: HealthOptions): Health {
  const engine = createEngine(resolveOptions(options));
  const { heartbeat } = engine.config;
  const stopHeartbeat =
    heartbeat === undefined ? undefined : startHeartbeat(heartbeat.intervalMs, () => heartbeatRound(engine));
  return {
    service: engine.config.service,
    version: engine.config.version,
    get state() {
      return engine.state;
    },
    register: (registration) => register(engine, registration),
    check: (group, checkOptions) => check(engine, group, checkOptions),
    cachedReport: (group) => cachedReport(engine, group),
    checkProbe: (name) => checkProbe(engine, name),
    probeNames: () => engine.probes.map((probe) => probe.name),
    snapshot: () => snapshot(engine),
    markStarted: () => {
      engine.state = advance(engine.state, 'started');
    },
    beginDrain: () => beginDrain(engine),
    close: () => close(engine, stopHeartbeat),
    on: ((
      event: 'change' | 'probe',
      listener: ((change: HealthChange) => void) | ((run: ProbeRun) => void),
    ) => subscribe(engine, event, listener)) as Health['on'],
    redact: (message) => engine.redact(message),
    addSecret: (value) => addSecret(engine, value),
    build: engine.config.build,
    simulate: (probe, simulation) => startDrill(engine, probe, simulation),
    endSimulation: (probe) => endDrill(engine, probe, 'ended'),
    drills: () => [...engine.drills.values()].map((active) => active.drill),
    setReady: (ready, reason) => setReady(engine, ready, reason),
    get maintenance() {
      return engine.maintenance;
    },
  };
}

/** Longest maintenance reason kept: it is a short label for the 503 body, not a log line. */
const MAX_MAINTENANCE_REASON = 256;

/** `health.setReady()`: the maintenance toggle; holding readiness down is announced at once, as draining is. */
function setReady(engine: Engine, ready: boolean, reason?: string): void {
  if (typeof ready !== 'boolean') {
    throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'ready', 'expected true or false');
  }
  if (reason !== undefined && typeof reason !== 'string') {
    throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'reason', 'expected a string');
  }
  const before = engine.maintenance;
  engine.maintenance = ready
    ? undefined
    : engine.redact((reason?.trim() || 'maintenance').slice(0, MAX_MAINTENANCE_REASON));
  if (before === engine.maintenance) return;
  engine.warn(
    { maintenance: !ready, ...(ready ? {} : { reason: engine.maintenance }) },
    ready ? 'readiness released after maintenance' : 'readiness held down for maintenance',
  );
  if (ready || engine.state === 'draining' || engine.state === 'closed') return;
  const now = engine.config.monotonic();
  engine.changes.observe(
    'readiness',
    lifecycleReport(reportContext(engine, now), 'readiness', 'fail', 'maintenance', engine.maintenance),
  );
}

/** `health.register()`: validates a registration and gives the probe its slot. */
function register(engine: Engine, registration: ProbeRegistration): void {
  if (engine.state === 'closed') throw rollgateError('ROLLGATE_ERR_HEALTH_CLOSED', 'register a probe');
  const probe = validateRegistration(registration, engine.config.probeTimeoutMs, (name) =>
    engine.slots.has(name),
  );
  for (const secret of probe.secrets) engine.secrets.add(secret);
  engine.probes.push(probe);
  engine.groupMembers.clear();
  engine.slots.set(probe.name, createSlot(probe, engine.revision));
}

// `satisfies` makes the compiler list every key of CheckOptions here, so a new one cannot be forgotten.
const CHECK_OPTION_KEYS = Object.keys({ exclude: true } satisfies Record<keyof CheckOptions, true>);

/**
 * `health.check()`: never rejects for what the probes do; a misspelt option key (`{ excude }`) is a programming
 * mistake that would silently check everything, so it rejects with `ROLLGATE_ERR_UNKNOWN_OPTION`.
 */
async function check(
  engine: Engine,
  group: ProbeGroupName,
  options: CheckOptions = {},
): Promise<HealthReport> {
  rejectUnknownOptions(options, CHECK_OPTION_KEYS, 'check');
  const startedAt = engine.config.monotonic();
  try {
    if (!isProbeGroup(group)) {
      return failedCheck(engine, undefined, startedAt, `unknown group ${JSON.stringify(String(group))}`);
    }
    const answer = checkGroup(engine, group, options, startedAt);
    return answer instanceof Promise ? await answer : answer;
  } catch (error) {
    return internalFailure(engine, group, startedAt, error);
  }
}

/** `health.checkProbe()`: undefined for an unknown name; never rejects. */
async function checkProbe(engine: Engine, name: string): Promise<HealthReport | undefined> {
  const slot = typeof name === 'string' ? engine.slots.get(name) : undefined;
  if (slot === undefined) return undefined;
  const startedAt = engine.config.monotonic();
  try {
    return await checkOneProbe(engine, slot.probe, startedAt);
  } catch (error) {
    return internalFailure(engine, 'probe', startedAt, error);
  }
}

/** `health.snapshot()`: the last settled results, without running anything. */
function snapshot(engine: Engine): ProbeSnapshot[] {
  return engine.probes.map((probe) => {
    const last = engine.slots.get(probe.name)?.last;
    return {
      name: probe.name,
      groups: [...probe.groups],
      critical: probe.critical,
      status: last?.status,
      durationMs: last?.durationMs,
      error: last?.error,
      settledAt: last?.settledAt,
    };
  });
}

/** `health.beginDrain()`: readiness fails at once, and observers hear it now rather than at the next check. */
function beginDrain(engine: Engine): void {
  const before = engine.state;
  engine.state = advance(engine.state, 'draining');
  if (before === engine.state) return;
  const now = engine.config.monotonic();
  engine.changes.observe(
    'readiness',
    lifecycleReport(reportContext(engine, now), 'readiness', 'fail', 'draining'),
  );
}

/** `health.close()`: stops the heartbeat and cancels runs in flight; later checks fail with reason "closed". */
async function close(engine: Engine, stopHeartbeat: (() => void) | undefined): Promise<void> {
  if (engine.state === 'closed') return;
  engine.state = 'closed';
  stopHeartbeat?.();
  endAllDrills(engine);
  stopSequences(engine);
  for (const slot of engine.slots.values()) slot.inflight?.cancel('closed');
  for (const probe of engine.probes) {
    try {
      probe.close?.();
    } catch (error) {
      engine.warn(
        { probe: probe.name, error: engine.redact(describeRejection(error)) },
        'probe close failed',
      );
    }
  }
}

/** `health.addSecret()`: a setup call, so a value that cannot be a secret throws rather than being ignored. */
function addSecret(engine: Engine, value: string): void {
  const why = secretProblem(value);
  if (why !== undefined) throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'secret', why);
  engine.secrets.add(value);
}

/** `health.on()`: `change` for status transitions, `probe` for every real run. */
function subscribe(
  engine: Engine,
  event: 'change' | 'probe',
  listener: ((change: HealthChange) => void) | ((run: ProbeRun) => void),
): () => void {
  if (event !== 'change' && event !== 'probe')
    throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'event', 'the events are "change" and "probe"');
  if (typeof listener !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'listener', `expected a function for "${event}"`);
  }
  if (event === 'change') return engine.changes.on(listener as (change: HealthChange) => void);
  return engine.runs.subscribe(listener as (run: ProbeRun) => void);
}

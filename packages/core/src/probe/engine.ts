// The state one health holds, in one object every room of the engine reads: the options, the registered
// probes and their slots, the heartbeat's per-probe state, the lifecycle, and the outlets (changes, probe runs,
// logger). createHealth builds it; check.ts, live-entries.ts and heartbeat-round.ts read and update it.
import type { HealthReport } from '@rollgate/contract';
import { type ParentSpan, startCheckSpan, tracerFor } from '../tracing/spans.js';
import { type ChangeTracker, createChangeTracker } from './changes.js';
import type { ActiveDrill } from './drills.js';
import type { GroupAnswer } from './group-answer.js';
import type { ResolvedOptions } from './options.js';
import { describeRejection } from './outcome.js';
import type { ProbeSlot, Revision } from './probe-slot.js';
import { createRedactor, type Redactor } from './redact.js';
import type { RegisteredProbe } from './registry.js';
import type { ReportContext } from './report.js';
import { createRunFanout, type RunFanout } from './run-fanout.js';
import { createSecretSet, type SecretSet } from './secrets.js';
import type { StartupSequence } from './startup-sequence.js';
import type { ThresholdState } from './thresholds.js';
import { createTimestampCache, type TimestampCache } from './timestamps.js';
import type { LifecycleState, ProbeGroupName } from './types.js';

/** Heartbeat state of one probe: its thresholded status and the last failure behind it. */
export interface Beat {
  /** Thresholded status. */
  readonly threshold: ThresholdState;
  /** Redacted error of the last failure that counted. */
  readonly lastError: string | undefined;
}

/** Everything one health holds. */
export interface Engine {
  /** Validated options with defaults. */
  readonly config: ResolvedOptions;
  /** The health's redactor (registered secrets, built-in and host patterns). */
  readonly redact: Redactor;
  /** The exact secrets the redactor hides (`secrets`, `addSecret()`, probes' `secrets`). */
  readonly secrets: SecretSet;
  /** Cached timestamp formatting. */
  readonly stamps: TimestampCache;
  /** Registered probes, in registration order. */
  readonly probes: RegisteredProbe[];
  /** Members of each group, computed once per registration rather than per check. */
  readonly groupMembers: Map<ProbeGroupName, readonly RegisteredProbe[]>;
  /** Single flight and cache of each probe, by name. */
  readonly slots: Map<string, ProbeSlot>;
  /** Moves on whenever a probe's cached result changes. */
  readonly revision: Revision;
  /** Each group's reusable all-cached report (group-answer.ts). */
  readonly answers: Map<ProbeGroupName, GroupAnswer>;
  /** Heartbeat state of each probe, by name. */
  readonly beats: Map<string, Beat>;
  /** Monotonic time the health was created (the heartbeat's grace counts from it). */
  readonly createdAt: number;
  /** Lifecycle state; only ever moves forward. */
  state: LifecycleState;
  /** The reason readiness is held down by `setReady(false, reason)`; undefined when it is not. */
  maintenance: string | undefined;
  /** Failure drills in progress, by probe name. */
  readonly drills: Map<string, ActiveDrill>;
  /** Startup probes with retries: their sequence of attempts, by probe name, once begun. */
  readonly sequences: Map<string, StartupSequence>;
  /** Status transitions to listeners and sinks. */
  readonly changes: ChangeTracker;
  /** Every real probe run to `probe` listeners. */
  readonly runs: RunFanout;
  /** Logs a warning through the host's logger; a throwing logger is ignored. */
  readonly warn: (fields: Record<string, unknown>, message: string) => void;
}

/** Builds the engine state of a health from its validated options. */
export function createEngine(config: ResolvedOptions): Engine {
  const { service } = config;
  const secrets = createSecretSet(config.secrets);
  const redact = createRedactor({ patterns: config.redact, maxLength: config.maxErrorLength, secrets });
  const warn = (fields: Record<string, unknown>, message: string): void => {
    try {
      config.logger?.warn({ service, ...fields }, message);
    } catch {
      // A throwing logger must not break a check.
    }
  };
  const changes = createChangeTracker({
    sinks: config.sinks,
    emitter: config.emitter,
    wall: config.wall,
    events: {
      service,
      version: config.version,
      environment: config.environment,
      correlationId: config.correlationId,
      taskId: config.taskId,
      phaseIndex: config.phaseIndex,
      offset: config.timestampOffset,
    },
    onError: (source, error) =>
      warn(
        { error: redact(describeRejection(error)) },
        `health ${source === 'sink' ? 'telemetry sink' : source === 'emitter' ? 'event emitter' : 'change listener'} failed`,
      ),
  });
  const runs = createRunFanout((error) =>
    warn({ error: redact(describeRejection(error)) }, 'health probe listener failed'),
  );
  return {
    config,
    redact,
    secrets,
    stamps: createTimestampCache(config.timestampOffset),
    probes: [],
    groupMembers: new Map(),
    slots: new Map(),
    revision: { value: 0 },
    answers: new Map(),
    beats: new Map(),
    createdAt: config.monotonic(),
    state: 'starting',
    maintenance: undefined,
    drills: new Map(),
    sequences: new Map(),
    changes,
    runs,
    warn,
  };
}

/** The fields every report of this health starts with, for a check that started at `startedAt`. */
export function reportContext(engine: Engine, startedAt: number): ReportContext {
  const { config } = engine;
  return {
    service: config.service,
    version: config.version,
    timestamp: engine.stamps.at(config.wall()),
    durationMs: roundMs(config.monotonic() - startedAt),
  };
}

/** Starts a `readyz.*` span of this health. */
export function startSpan(
  engine: Engine,
  name: Parameters<typeof startCheckSpan>[1],
  group: Parameters<typeof startCheckSpan>[3],
): ParentSpan {
  return startCheckSpan(tracerFor(engine.config.tracer), name, engine.config.service, group);
}

/** The slot of a registered probe. */
export function slotOf(engine: Engine, probe: RegisteredProbe): ProbeSlot {
  const slot = engine.slots.get(probe.name);
  if (slot === undefined) throw new Error(`no slot for probe ${probe.name}`);
  return slot;
}

/** True once the health is closed (read through a function: TypeScript keeps narrowings across an await). */
export function isClosed(engine: Engine): boolean {
  return engine.state === 'closed';
}

/** Milliseconds rounded to the microsecond, never negative. */
export function roundMs(ms: number): number {
  return Math.round(Math.max(0, ms) * 1000) / 1000;
}

/** A report's fields as the check span records them. */
export function spanFields(report: HealthReport) {
  return {
    status: report.status,
    durationMs: report.duration_ms ?? 0,
    dependency: report.dependency,
    error: report.error,
  };
}

import type { Tracer } from '@opentelemetry/api';
import type { BuildMetadata, HealthReport, TelemetryEvent } from '@rollgate/contract';

// The public shape of the probe engine. @rollgate/readyz and @rollgate/adapters code against
// these types; createHealth() in this folder implements them.

/** Probe groups: what Kubernetes' startup, liveness and readiness probes ask about. */
export type ProbeGroupName = 'startup' | 'liveness' | 'readiness';

/** A dependency check: resolve (any value) when healthy, throw or reject when not. Honour `signal`. */
export type ProbeCheck = (signal: AbortSignal) => unknown | Promise<unknown>;

/** What `health.register()` takes. */
export interface ProbeRegistration {
  /** Unique, non-empty name; also the `dependency` named in failure bodies (e.g. "Postgres"). */
  name: string;
  /** The check itself. */
  check: ProbeCheck;
  /** A failing critical probe fails the group; a non-critical one degrades it (default true). */
  critical?: boolean;
  /** Groups this probe belongs to (default `['readiness']`). */
  groups?: readonly ProbeGroupName[];
  /** Per-probe timeout in ms (default: the health's `probeTimeoutMs`; at most 5000). */
  timeoutMs?: number;
  /** Name of the operation the probe performs (e.g. `PING`); a timeout then reads `PING timeout after 300ms`. */
  operation?: string;
  /** Startup probes only (`groups: ['startup']`): retry a failing attempt with backoff inside a budget. */
  retries?: StartupRetries;
  /**
   * Exact values this probe knows to be secret (a password from its URL, say): registered with the health on
   * `register()`, as `health.addSecret()` would (values shorter than `MIN_SECRET_LENGTH` are refused).
   */
  secrets?: readonly string[];
  /** Called once by `health.close()`: a probe that samples in the background (process probes) stops its timers. */
  close?: () => void;
}

/**
 * Retries of a startup probe (seed 000: "migrations applied (timeout=120s, retries=3)"). Each attempt keeps the
 * probe's own timeout (at most 5000 ms); a failed attempt is retried after `backoffMs`, doubled each time (at most
 * 30000 ms), while attempts remain and the next one starts inside `budgetMs` of the first. Once the probe passes
 * it stays passed; once the budget runs out it stays failed, saying why.
 */
export interface StartupRetries {
  /** Attempts in all, the first included (1 to 100). */
  attempts: number;
  /** Wait before the second attempt, doubled for each later one (default 1000 ms; 0 to 60000). */
  backoffMs?: number;
  /** Time from the first attempt's start within which every attempt must start (at most 3600000 ms). */
  budgetMs: number;
}

/** How a failure drill drives a probe: fail at once, hang until the probe's timeout, or answer late. */
export type SimulationMode = 'fail' | 'hang' | 'latency';

/** What `health.simulate()` takes. */
export interface SimulationOptions {
  /** `fail`: the probe fails at once; `hang`: it never settles, so its real timeout fails it and aborts its signal; `latency`: it runs `latencyMs` late. */
  mode: SimulationMode;
  /** Delay added before the real check in `latency` mode (required there; at most 60000 ms). */
  latencyMs?: number;
  /** How long the drill lasts before it ends by itself (required; at most 3600000 ms, one hour). */
  forMs: number;
}

/** A drill in progress, as `simulate()` and `drills()` describe it. */
export interface Drill {
  /** The probe the drill drives. */
  readonly probe: string;
  /** How it drives it. */
  readonly mode: SimulationMode;
  /** Delay in `latency` mode. */
  readonly latencyMs: number | undefined;
  /** Length of the drill in ms. */
  readonly forMs: number;
  /** RFC 3339 time the drill started. */
  readonly startedAt: string;
  /** RFC 3339 time the drill ends by itself. */
  readonly endsAt: string;
}

/** Heartbeat mode: probes run in the background and checks answer from the thresholded state. */
export interface HeartbeatOptions {
  /** Interval between background runs (default 10000 ms). */
  intervalMs?: number;
  /** Consecutive successes before a failing probe counts as healthy again (default 3). */
  successThreshold?: number;
  /** Consecutive failures before a healthy probe counts as failing (default 3). */
  failureThreshold?: number;
  /** Failures during this long after start do not count (default 30000 ms). */
  graceMs?: number;
}

/** Receives telemetry events (`health.ok`, `health.failed`) the engine emits. */
export type TelemetrySink = (event: TelemetryEvent) => void;

/**
 * Anything with an `emit(event)` method, such as `createEmitter()` from '@rollgate/core/events'. The engine
 * only calls the method (it stays zod-free); a rejection or a `{ ok: false, issues }` answer is logged.
 */
export interface HealthEventEmitter {
  /** Takes one telemetry event; may return a promise. */
  emit(event: TelemetryEvent): unknown;
}

/** Options of `createHealth()`. */
export interface HealthOptions {
  /** Service name, reported in events, spans and metrics. */
  service: string;
  /** Service version. */
  version: string;
  /** Default probe timeout in ms (default 2000, at most 5000). */
  probeTimeoutMs?: number;
  /** Reuse a settled probe result for this long, failures included (default 1000 ms; 0 disables). */
  cacheTtlMs?: number;
  /** Answer with the last result at once while one refresh runs in the background. */
  staleWhileRevalidate?: boolean;
  /** Whole-check deadline (default: the largest probe timeout + 250 ms). */
  deadlineMs?: number;
  /** Background heartbeat mode. */
  heartbeat?: HeartbeatOptions;
  /** Extra redaction patterns applied to every error message that leaves the engine. */
  redact?: readonly RegExp[];
  /** Telemetry sinks for health.ok / health.failed events. */
  sinks?: readonly TelemetrySink[];
  /** Emitter that delivers health.ok / health.failed events (validated, queued, retried: '@rollgate/core/events'). */
  emitter?: HealthEventEmitter;
  /** Environment named in telemetry events (default `production`). */
  environment?: string;
  /** Offset of telemetry timestamps (default `Z`; the observability profile uses `+08:00`). */
  timestampOffset?: string;
  /** Logger for late rejections and probe failures (default: none). */
  logger?: HealthLogger;
  /** Clock, for tests (default `Date.now` for timestamps and `performance.now` for durations, TTLs and grace). */
  now?: () => number;
  /** Tracer for `readyz.check` / `readyz.probe` spans (default: the global tracer named `@rollgate/core`). */
  tracer?: Tracer;
  /** `correlation_id` of telemetry events (default: a random UUID per health). */
  correlationId?: string;
  /** `task_id` of telemetry events, when an orchestrator supplies one. */
  taskId?: string;
  /** `phase_index` of telemetry events, when an orchestrator supplies one. */
  phaseIndex?: number;
  /** Cap on every error message leaving the engine, in characters (default 512, 32 to 4096). */
  maxErrorLength?: number;
  /**
   * Exact values hidden wherever they appear in a message leaving the engine, raw, URL-encoded, base64 or
   * base64url (each at least `MIN_SECRET_LENGTH` characters); `health.addSecret()` adds more later.
   */
  secrets?: readonly string[];
  /**
   * Build metadata `/version` serves (the contract's BuildMetadata). Default: read once from the environment a
   * build sets (`GIT_SHA`, `GIT_REF`, `BUILD_TIME`, `IMAGE`, …; see the core README); `false` turns it off.
   */
  build?: BuildMetadata | false;
}

/** Minimal structured logger (pino, console and most loggers fit). */
export interface HealthLogger {
  /** Logs a warning with structured fields. */
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Options of one `health.check()`. */
export interface CheckOptions {
  /** Probe names to skip; names that match no probe are reported in `unknown_excluded`. */
  exclude?: readonly string[];
}

/** Lifecycle of a health: starting → started → draining → closed. */
export type LifecycleState = 'starting' | 'started' | 'draining' | 'closed';

/** Payload of the `change` event: the report before and after a status transition. */
export interface HealthChange {
  /** Group whose status changed. */
  group: ProbeGroupName;
  /** Previous report (undefined on the first check). */
  previous: HealthReport | undefined;
  /** New report. */
  current: HealthReport;
}

/** One real run of a probe, as it settled: what per-probe metrics record. */
export interface ProbeRun {
  /** Probe name. */
  readonly name: string;
  /** Groups the probe belongs to. */
  readonly groups: readonly ProbeGroupName[];
  /** Whether the probe is critical. */
  readonly critical: boolean;
  /** How the run ended. */
  readonly status: 'ok' | 'fail';
  /** Duration of the run in ms. */
  readonly durationMs: number;
  /** Redacted reason of a failure. */
  readonly error: string | undefined;
  /** Epoch ms the run settled. */
  readonly settledAt: number;
  /** Whether the run was failed at its timeout. */
  readonly timedOut: boolean;
  /** True when a failure drill drove the run. */
  readonly simulated?: boolean;
}

/**
 * What `snapshot()` gives for one probe, as metrics read it (never triggers a run): the probe and the fields of
 * its last real run, each undefined before the first run.
 */
export type ProbeSnapshot = Pick<ProbeRun, 'name' | 'groups' | 'critical'> & {
  readonly [K in 'status' | 'durationMs' | 'error' | 'settledAt']: ProbeRun[K] | undefined;
};

/** The probe engine. */
export interface Health {
  /** Service name. */
  readonly service: string;
  /** Service version. */
  readonly version: string;
  /** Registers a probe; throws a coded `RollgateError` for a duplicate or empty name, a timeout above the cap or a bad operation. */
  register(probe: ProbeRegistration): void;
  /**
   * Runs (or reads, in heartbeat mode) every probe of a group; never rejects. While every result of a full check
   * is cached and unchanged, the report is built once and later checks share its frozen `checks` and `failures`
   * arrays (each report's head, timestamp and duration are its own), so a cached check costs the same whatever
   * the number of probes.
   */
  check(group: ProbeGroupName, options?: CheckOptions): Promise<HealthReport>;
  /**
   * The group's kept report while every result of the group is cached and unchanged since it was built (what
   * `check(group)` would answer, its `timestamp` and `duration_ms` those of the check that built it; frozen, the
   * same object until anything changes); undefined otherwise. Runs nothing, starts no span, copies nothing and
   * costs the same whatever the number of probes: readyz answers kubelets' polls with it synchronously.
   */
  cachedReport(group: ProbeGroupName): HealthReport | undefined;
  /** Runs one probe by name; resolves undefined for an unknown name. */
  checkProbe(name: string): Promise<HealthReport | undefined>;
  /** Names of registered probes. */
  probeNames(): string[];
  /** Last results without running anything (for metrics scrapes). */
  snapshot(): ProbeSnapshot[];
  /** Current lifecycle state. */
  readonly state: LifecycleState;
  /** Marks startup complete. */
  markStarted(): void;
  /** Starts draining: readiness fails at once with reason "draining", liveness stays ok. */
  beginDrain(): void;
  /** Stops timers and background runs; later checks fail with reason "closed". */
  close(): Promise<void>;
  /** Subscribes to status transitions; returns an unsubscribe function. */
  on(event: 'change', listener: (change: HealthChange) => void): () => void;
  /** Subscribes to every real probe run as it settles (cache hits never emit); returns an unsubscribe function. */
  on(event: 'probe', listener: (run: ProbeRun) => void): () => void;
  /** Redacts secrets from a message with the engine's redactor (built-in plus host patterns). */
  redact(message: string): string;
  /**
   * Registers an exact secret: from now on it is hidden, raw, URL-encoded or base64, in every body, span, event
   * and log line. Throws `ROLLGATE_ERR_INVALID_ARGUMENT` for a non-string or a value shorter than
   * `MIN_SECRET_LENGTH` (it would hide ordinary words).
   */
  addSecret(value: string): void;
  /** Build metadata `/version` serves, from `options.build` or the build's environment variables. */
  readonly build: BuildMetadata | undefined;
  /**
   * Starts a failure drill on a registered probe (replacing one already running on it); it ends by itself after
   * `forMs`. Throws a coded `RollgateError` for an unknown probe or invalid options.
   */
  simulate(probe: string, options: SimulationOptions): Drill;
  /** Ends the drill on `probe` now; false when none was running. */
  endSimulation(probe: string): boolean;
  /** The drills in progress. */
  drills(): Drill[];
  /**
   * Maintenance toggle: `setReady(false, reason)` makes readiness fail with reason `maintenance` and `reason` as its
   * error, without running probes; `setReady(true)` undoes it. Draining, which is one-way, wins over it.
   */
  setReady(ready: boolean, reason?: string): void;
  /** The reason given to `setReady(false, …)` while readiness is held down; undefined otherwise. */
  readonly maintenance: string | undefined;
}

// The probe engine: wires registration, single-flight runs, the deadline, heartbeat state, the
// lifecycle, reports, change events and tracing. Each of those lives in its own file; this one only
// decides which answers a check gets. A check never rejects: a defect of ours still comes back as a
// failing report.
import type { HealthReport } from '@rollgate/contract';
import { rollgateError } from '../errors.js';
import { endCheckSpan, type ParentSpan, startCheckSpan, tracerFor } from '../tracing/spans.js';
import { createChangeTracker } from './changes.js';
import { collect } from './deadline.js';
import { startHeartbeat } from './heartbeat.js';
import { advance } from './lifecycle.js';
import { DEADLINE_SLACK_MS, MAX_NAME_LENGTH } from './limits.js';
import { resolveOptions } from './options.js';
import { describeRejection } from './outcome.js';
import { createSlot, type Obtained, obtain, type ProbeSlot, runNow } from './probe-slot.js';
import { createRedactor } from './redact.js';
import { isProbeGroup, type RegisteredProbe, validateRegistration } from './registry.js';
import { buildReport, lifecycleReport, type ReportContext, type ReportEntry } from './report.js';
import { type ProbeResult, type RunHandle, runProbe } from './run-probe.js';
import { callSafely } from './safe-call.js';
import { applyResult, INITIAL_THRESHOLD_STATE, type ThresholdState } from './thresholds.js';
import { createTimestampCache } from './timestamps.js';
import type {
  CheckOptions,
  Health,
  HealthChange,
  HealthOptions,
  LifecycleState,
  ProbeGroupName,
  ProbeRegistration,
  ProbeRun,
  ProbeSnapshot,
} from './types.js';

/** Most unknown `exclude` names a report lists (the rest are dropped to bound the body). */
const MAX_UNKNOWN_EXCLUDED = 100;

const NO_NAMES: readonly string[] = [];

// Heartbeat state of one probe: its thresholded status and the last failure behind it.
interface Beat {
  threshold: ThresholdState;
  lastError: string | undefined;
}

/**
 * Creates a health: register probes, then `check(group)`. Throws a coded `RollgateError` for invalid
 * options (e.g. `ROLLGATE_ERR_PROBE_TIMEOUT_CAP` for a `probeTimeoutMs` above 5000).
 */
export function createHealth(options: HealthOptions): Health {
  const config = resolveOptions(options);
  const { service, version, heartbeat } = config;
  const redact = createRedactor({ patterns: config.redact, maxLength: config.maxErrorLength });
  const probes: RegisteredProbe[] = [];
  // Members of each group in registration order, computed once per registration rather than per check.
  const groupMembers = new Map<ProbeGroupName, readonly RegisteredProbe[]>();
  const slots = new Map<string, ProbeSlot>();
  const stamps = createTimestampCache(config.timestampOffset);
  const beats = new Map<string, Beat>();
  const createdAt = config.monotonic();
  let state: LifecycleState = 'starting';

  const warn = (fields: Record<string, unknown>, message: string): void => {
    try {
      config.logger?.warn({ service, ...fields }, message);
    } catch {
      // A throwing logger must not break a check.
    }
  };
  const changes = createChangeTracker({
    sinks: config.sinks,
    wall: config.wall,
    events: {
      service,
      version,
      environment: config.environment,
      correlationId: config.correlationId,
      taskId: config.taskId,
      phaseIndex: config.phaseIndex,
      offset: config.timestampOffset,
    },
    onError: (source, error) =>
      warn(
        { error: redact(describeRejection(error)) },
        `health ${source === 'sink' ? 'telemetry sink' : 'change listener'} failed`,
      ),
  });
  const stopHeartbeat =
    heartbeat === undefined ? undefined : startHeartbeat(heartbeat.intervalMs, heartbeatRound);

  const context = (startedAt: number): ReportContext => ({
    service,
    version,
    timestamp: stamps.at(config.wall()),
    durationMs: roundMs(config.monotonic() - startedAt),
  });

  const probeRuns = new Set<(run: ProbeRun) => void>();
  const announceRun = (probe: RegisteredProbe, result: ProbeResult): void => {
    if (probeRuns.size === 0) return;
    const run: ProbeRun = {
      name: probe.name,
      groups: probe.groups,
      critical: probe.critical,
      status: result.status,
      durationMs: result.durationMs,
      error: result.error,
      settledAt: result.settledAt,
      timedOut: result.timedOut,
    };
    for (const listener of [...probeRuns]) {
      callSafely(listener, run, (error) =>
        warn({ error: redact(describeRejection(error)) }, 'health probe listener failed'),
      );
    }
  };

  // The parent's context is read only when a run really starts (a cache hit never builds it).
  const starter = (slot: ProbeSlot, parent: ParentSpan, background: boolean) => (): RunHandle => {
    const handle = runProbe(slot.probe, {
      service,
      redact,
      wall: config.wall,
      monotonic: config.monotonic,
      logger: config.logger === undefined ? undefined : { warn },
      tracer: tracerFor(config.tracer),
      parent: parent.context,
      background,
    });
    // Every real run is announced once (single flight means one run per slot, however many callers).
    handle.promise.then(
      (result) => announceRun(slot.probe, result),
      () => undefined,
    );
    return handle;
  };

  const fromHeartbeat = heartbeat !== undefined;
  const answersFromHeartbeat = (probe: RegisteredProbe): boolean =>
    fromHeartbeat && probe.groups.some((group) => group !== 'startup');

  // Read through a function: TypeScript would otherwise keep a narrowing of `state` across an await.
  const isClosed = (): boolean => state === 'closed';

  // A health with no startup probes counts as started from its first check.
  const noteCheck = (): void => {
    if (state === 'starting' && !probes.some((probe) => probe.groups.includes('startup'))) state = 'started';
  };

  // Lifecycle answers that override probes; checked again after waiting, since the state may move meanwhile.
  const override = (group: ProbeGroupName | 'probe', startedAt: number): HealthReport | undefined => {
    if (state === 'closed') return lifecycleReport(context(startedAt), group, 'fail', 'closed');
    if (group === 'readiness' && state === 'draining')
      return lifecycleReport(context(startedAt), group, 'fail', 'draining');
    if (group === 'startup' && state !== 'starting') return lifecycleReport(context(startedAt), group, 'ok');
    return undefined;
  };

  function heartbeatEntry(probe: RegisteredProbe): ReportEntry {
    const beat = beats.get(probe.name);
    const last = slots.get(probe.name)?.last;
    const status = beat?.threshold.status ?? INITIAL_THRESHOLD_STATE.status;
    return {
      name: probe.name,
      critical: probe.critical,
      status,
      durationMs: last?.durationMs ?? 0,
      error: status === 'fail' ? (beat?.lastError ?? 'failing') : undefined,
      cached: true,
      observedAt: last === undefined ? undefined : stamps.of(last),
    };
  }

  // Synchronous when every result is already settled (the cache answers): no promise, no deadline timer.
  // Freshness is judged at `now`, the monotonic time the check started.
  function liveEntries(
    selected: readonly RegisteredProbe[],
    parent: ParentSpan,
    now: number,
  ): ReportEntry[] | Promise<ReportEntry[]> {
    const policy = { ttlMs: config.cacheTtlMs, staleWhileRevalidate: config.staleWhileRevalidate, now };
    const items: Obtained[] = [];
    let waiting = false;
    for (const probe of selected) {
      const slot = slotOf(probe);
      const item = obtain(slot, policy, starter(slot, parent, false));
      if (item.kind === 'pending') waiting = true;
      items.push(item);
    }
    if (!waiting) {
      return selected.map((probe, index) => {
        const item = items[index] as Obtained & { kind: 'settled' };
        return liveEntry(probe, item.result, true, true);
      });
    }
    const deadlineMs =
      config.deadlineMs ?? Math.max(0, ...selected.map((probe) => probe.timeoutMs)) + DEADLINE_SLACK_MS;
    const late = new Set<number>();
    const collected = collect(items, deadlineMs, (index) => {
      late.add(index);
      return deadlineResult(deadlineMs);
    });
    return collected.then((results) =>
      selected.map((probe, index) =>
        liveEntry(probe, results[index] as ProbeResult, items[index]?.kind === 'settled', !late.has(index)),
      ),
    );
  }

  function liveEntry(
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
      observedAt: observed ? stamps.of(result) : undefined,
    };
  }

  function deadlineResult(deadlineMs: number): ProbeResult {
    return {
      status: 'fail',
      durationMs: deadlineMs,
      error: redact(`check deadline exceeded after ${deadlineMs}ms`),
      settledAt: config.wall(),
      finishedAt: config.monotonic(),
      timedOut: true,
    };
  }

  function slotOf(probe: RegisteredProbe): ProbeSlot {
    const slot = slots.get(probe.name);
    if (slot === undefined) throw new Error(`no slot for probe ${probe.name}`);
    return slot;
  }

  function membersOf(group: ProbeGroupName): readonly RegisteredProbe[] {
    let members = groupMembers.get(group);
    if (members === undefined) {
      members = probes.filter((probe) => probe.groups.includes(group));
      groupMembers.set(group, members);
    }
    return members;
  }

  function select(group: ProbeGroupName, exclude: unknown) {
    const members = membersOf(group);
    if (!Array.isArray(exclude) || exclude.length === 0) {
      return { selected: members, unknown: NO_NAMES, full: true };
    }
    const names = new Set(exclude.filter((name): name is string => typeof name === 'string'));
    const selected = members.filter((probe) => !names.has(probe.name));
    const known = new Set(members.map((probe) => probe.name));
    const unknown = [...names]
      .filter((name) => !known.has(name))
      .slice(0, MAX_UNKNOWN_EXCLUDED)
      .map((name) => name.slice(0, MAX_NAME_LENGTH));
    return { selected, unknown, full: selected.length === members.length };
  }

  // Synchronous when the answer needs no waiting (lifecycle overrides, cached results, heartbeat state).
  function checkGroup(
    group: ProbeGroupName,
    options: CheckOptions,
    startedAt: number,
  ): HealthReport | Promise<HealthReport> {
    if (state !== 'closed') noteCheck();
    const early = override(group, startedAt);
    if (early !== undefined) return observed(group, early, true);
    const { selected, unknown, full } = select(group, options?.exclude);
    const span = startCheckSpan(tracerFor(config.tracer), 'readyz.check', service, group);
    const entries =
      fromHeartbeat && group !== 'startup'
        ? selected.map(heartbeatEntry)
        : liveEntries(selected, span, startedAt);
    if (Array.isArray(entries)) return groupReport(group, startedAt, entries, unknown, full, span);
    return entries.then((settled) => groupReport(group, startedAt, settled, unknown, full, span));
  }

  function groupReport(
    group: ProbeGroupName,
    startedAt: number,
    entries: readonly ReportEntry[],
    unknown: readonly string[],
    full: boolean,
    span: ParentSpan,
  ): HealthReport {
    const report = override(group, startedAt) ?? buildReport(context(startedAt), group, entries, unknown);
    if (group === 'startup' && state === 'starting') {
      if (report.status === 'fail') report.reason = 'starting';
      else if (full) state = advance(state, 'started');
    }
    finishSpan(span, report);
    return observed(group, report, full);
  }

  function observed(group: ProbeGroupName, report: HealthReport, full: boolean): HealthReport {
    // Only a check that skipped nothing speaks for the group; a closed health announces nothing more.
    if (full && report.reason !== 'closed') changes.observe(group, report);
    return report;
  }

  function finishSpan(span: ParentSpan, report: HealthReport): void {
    endCheckSpan(span.span, {
      status: report.status,
      durationMs: report.duration_ms ?? 0,
      dependency: report.dependency,
      error: report.error,
    });
  }

  async function heartbeatRound(): Promise<void> {
    const settings = heartbeat;
    if (settings === undefined || state === 'closed') return;
    try {
      const targets = probes.filter(answersFromHeartbeat);
      const span = startCheckSpan(tracerFor(config.tracer), 'readyz.heartbeat', service, 'heartbeat');
      const started = config.monotonic();
      const results = await Promise.all(
        targets.map((probe) => {
          const slot = slotOf(probe);
          return runNow(slot, starter(slot, span, true));
        }),
      );
      if (isClosed()) {
        finishSpan(span, lifecycleReport(context(started), 'liveness', 'fail', 'closed'));
        return;
      }
      targets.forEach((probe, index) => {
        const result = results[index] as ProbeResult;
        const beat = beats.get(probe.name) ?? { threshold: INITIAL_THRESHOLD_STATE, lastError: undefined };
        const inGrace = result.finishedAt - createdAt < settings.graceMs;
        const threshold = applyResult(beat.threshold, result.status, inGrace, settings);
        const lastError = result.status === 'fail' && !inGrace ? result.error : beat.lastError;
        beats.set(probe.name, { threshold, lastError });
      });
      const entries = targets.map((probe, index) => {
        const result = results[index] as ProbeResult;
        return { ...heartbeatEntry(probe), status: result.status, error: result.error, cached: false };
      });
      finishSpan(span, buildReport(context(started), 'liveness', entries));
      for (const group of ['liveness', 'readiness'] as const) {
        if (override(group, started) !== undefined) continue;
        const members = probes.filter((probe) => probe.groups.includes(group));
        changes.observe(group, buildReport(context(started), group, members.map(heartbeatEntry)));
      }
    } catch (error) {
      warn({ error: redact(describeRejection(error)) }, 'heartbeat round failed');
    }
  }

  function internalFailure(group: unknown, startedAt: number, error: unknown): HealthReport {
    warn({ error: redact(describeRejection(error)) }, 'health check failed internally');
    return failure(group, startedAt, `internal error: ${describeRejection(error)}`);
  }

  function failure(group: unknown, startedAt: number, message: string): HealthReport {
    const report: HealthReport = {
      status: 'fail',
      service,
      version,
      error: redact(message),
      timestamp: stamps.at(config.wall()),
      duration_ms: roundMs(config.monotonic() - startedAt),
    };
    if (isProbeGroup(group) || group === 'probe') report.group = group;
    return report;
  }

  const health: Health = {
    service,
    version,
    get state() {
      return state;
    },

    register(registration: ProbeRegistration): void {
      if (state === 'closed') throw rollgateError('ROLLGATE_ERR_HEALTH_CLOSED', 'register a probe');
      const probe = validateRegistration(registration, config.probeTimeoutMs, (name) => slots.has(name));
      probes.push(probe);
      groupMembers.clear();
      slots.set(probe.name, createSlot(probe));
    },

    async check(group: ProbeGroupName, options: CheckOptions = {}): Promise<HealthReport> {
      const startedAt = config.monotonic();
      try {
        if (!isProbeGroup(group)) {
          return failure(undefined, startedAt, `unknown group ${JSON.stringify(String(group))}`);
        }
        const answer = checkGroup(group, options, startedAt);
        return answer instanceof Promise ? await answer : answer;
      } catch (error) {
        return internalFailure(group, startedAt, error);
      }
    },

    async checkProbe(name: string): Promise<HealthReport | undefined> {
      const slot = typeof name === 'string' ? slots.get(name) : undefined;
      if (slot === undefined) return undefined;
      const startedAt = config.monotonic();
      try {
        if (state !== 'closed') noteCheck();
        const early = override('probe', startedAt);
        if (early !== undefined) return early;
        const span = startCheckSpan(tracerFor(config.tracer), 'readyz.check', service, 'probe');
        const live = answersFromHeartbeat(slot.probe)
          ? [heartbeatEntry(slot.probe)]
          : liveEntries([slot.probe], span, startedAt);
        const entries = Array.isArray(live) ? live : await live;
        const report = override('probe', startedAt) ?? buildReport(context(startedAt), 'probe', entries);
        finishSpan(span, report);
        return report;
      } catch (error) {
        return internalFailure('probe', startedAt, error);
      }
    },

    probeNames(): string[] {
      return probes.map((probe) => probe.name);
    },

    snapshot(): ProbeSnapshot[] {
      return probes.map((probe) => {
        const last = slots.get(probe.name)?.last;
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
    },

    markStarted(): void {
      state = advance(state, 'started');
    },

    beginDrain(): void {
      const before = state;
      state = advance(state, 'draining');
      if (before === state) return;
      // Readiness fails at once, and observers hear it now rather than at the next check.
      const now = config.monotonic();
      changes.observe('readiness', lifecycleReport(context(now), 'readiness', 'fail', 'draining'));
    },

    async close(): Promise<void> {
      if (state === 'closed') return;
      state = 'closed';
      stopHeartbeat?.();
      for (const slot of slots.values()) slot.inflight?.cancel('closed');
    },

    on(
      event: 'change' | 'probe',
      listener: ((change: HealthChange) => void) | ((run: ProbeRun) => void),
    ): () => void {
      if (event !== 'change' && event !== 'probe')
        throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'event', 'the events are "change" and "probe"');
      if (typeof listener !== 'function') {
        throw rollgateError(
          'ROLLGATE_ERR_INVALID_ARGUMENT',
          'listener',
          `expected a function for "${event}"`,
        );
      }
      if (event === 'change') return changes.on(listener as (change: HealthChange) => void);
      // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
      const entry = (run: ProbeRun): void => (listener as (run: ProbeRun) => void)(run);
      probeRuns.add(entry);
      return () => {
        probeRuns.delete(entry);
      };
    },

    redact(message: string): string {
      return redact(message);
    },
  };
  return health;
}

function roundMs(ms: number): number {
  return Math.round(Math.max(0, ms) * 1000) / 1000;
}

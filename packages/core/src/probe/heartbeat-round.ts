// Heartbeat mode: a background round runs every liveness and readiness probe, feeds each result through the
// success/failure thresholds (failures within the grace after start do not count), and announces the groups'
// thresholded state. Checks then answer from that state at once (`heartbeatEntry`). Startup probes stay live.
import { endCheckSpan } from '../tracing/spans.js';
import { type Engine, isClosed, reportContext, slotOf, spanFields, startSpan } from './engine.js';
import { lifecycleOverride } from './lifecycle.js';
import { starter } from './live-entries.js';
import { describeRejection } from './outcome.js';
import { runNow } from './probe-slot.js';
import type { RegisteredProbe } from './registry.js';
import { buildReport, lifecycleReport, type ReportEntry } from './report.js';
import type { ProbeResult } from './run-probe.js';
import { applyResult, INITIAL_THRESHOLD_STATE } from './thresholds.js';

/** True when a check of `probe` answers from the heartbeat's state rather than a live run. */
export function answersFromHeartbeat(engine: Engine, probe: RegisteredProbe): boolean {
  return engine.config.heartbeat !== undefined && probe.groups.some((group) => group !== 'startup');
}

/** The entry of `probe` from its thresholded heartbeat state. */
export function heartbeatEntry(engine: Engine, probe: RegisteredProbe): ReportEntry {
  const beat = engine.beats.get(probe.name);
  const last = engine.slots.get(probe.name)?.last;
  const status = beat?.threshold.status ?? INITIAL_THRESHOLD_STATE.status;
  return {
    name: probe.name,
    critical: probe.critical,
    status,
    durationMs: last?.durationMs ?? 0,
    error: status === 'fail' ? (beat?.lastError ?? 'failing') : undefined,
    cached: true,
    observedAt: last === undefined ? undefined : engine.stamps.of(last),
    simulated: last?.simulated === true || (engine.drills.size > 0 && engine.drills.has(probe.name)),
  };
}

/** One background round; never rejects (a failure of ours is logged). */
export async function heartbeatRound(engine: Engine): Promise<void> {
  const settings = engine.config.heartbeat;
  if (settings === undefined || isClosed(engine)) return;
  try {
    const targets = engine.probes.filter((probe) => answersFromHeartbeat(engine, probe));
    const span = startSpan(engine, 'readyz.heartbeat', 'heartbeat');
    const started = engine.config.monotonic();
    const results = await Promise.all(
      targets.map((probe) => {
        const slot = slotOf(engine, probe);
        return runNow(slot, starter(engine, slot, span, true));
      }),
    );
    if (isClosed(engine)) {
      endCheckSpan(
        span.span,
        spanFields(lifecycleReport(reportContext(engine, started), 'liveness', 'fail', 'closed')),
      );
      return;
    }
    targets.forEach((probe, index) => {
      const result = results[index] as ProbeResult;
      const beat = engine.beats.get(probe.name) ?? {
        threshold: INITIAL_THRESHOLD_STATE,
        lastError: undefined,
      };
      const inGrace = result.finishedAt - engine.createdAt < settings.graceMs;
      const threshold = applyResult(beat.threshold, result.status, inGrace, settings);
      const lastError = result.status === 'fail' && !inGrace ? result.error : beat.lastError;
      engine.beats.set(probe.name, { threshold, lastError });
    });
    const entries = targets.map((probe, index) => {
      const result = results[index] as ProbeResult;
      return { ...heartbeatEntry(engine, probe), status: result.status, error: result.error, cached: false };
    });
    endCheckSpan(span.span, spanFields(buildReport(reportContext(engine, started), 'liveness', entries)));
    for (const group of ['liveness', 'readiness'] as const) {
      if (lifecycleOverride(engine, group, started) !== undefined) continue;
      const members = engine.probes.filter((probe) => probe.groups.includes(group));
      engine.changes.observe(
        group,
        buildReport(
          reportContext(engine, started),
          group,
          members.map((probe) => heartbeatEntry(engine, probe)),
        ),
      );
    }
  } catch (error) {
    engine.warn({ error: engine.redact(describeRejection(error)) }, 'heartbeat round failed');
  }
}

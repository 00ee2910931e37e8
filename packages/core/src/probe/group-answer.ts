// The reusable answer of a group: a report built wholly from cached results stays true until the first of those
// results goes stale or anything it was built from changes (a probe run settles, a drill expires a result, a probe
// registers, the lifecycle or the maintenance toggle moves). Until then a check answers with a copy of its head
// (its own timestamp and duration) sharing the kept, frozen `checks` and `failures`, without walking the probes,
// starting a span or building anything else, so a cached answer costs the same with one probe or a thousand. The
// shared arrays also tell a renderer that the answer has not changed (readyz keeps its rendered bodies by them).
import type { HealthReport } from '@rollgate/contract';
import { type Engine, reportContext } from './engine.js';
import type { RegisteredProbe } from './registry.js';
import type { ReportEntry } from './report.js';
import type { LifecycleState, ProbeGroupName } from './types.js';

/** A group's last all-cached report and what it was built from. */
export interface GroupAnswer {
  /** The report, frozen; every answer it gives copies its head and shares its arrays. */
  readonly report: HealthReport;
  /** The member list it covers (replaced when a probe registers). */
  readonly members: readonly RegisteredProbe[];
  /** The engine's result revision when it was built. */
  readonly revision: number;
  /** Lifecycle state when it was built. */
  readonly state: LifecycleState;
  /** Maintenance reason when it was built. */
  readonly maintenance: string | undefined;
  /** Monotonic time the first of its results goes stale. */
  readonly freshUntil: number;
}

/** The group's kept report at monotonic `now`, if nothing it was built from has changed. */
export function reusableAnswer(
  engine: Engine,
  group: ProbeGroupName,
  members: readonly RegisteredProbe[],
  now: number,
): HealthReport | undefined {
  const answer = engine.answers.get(group);
  if (
    answer === undefined ||
    now >= answer.freshUntil ||
    answer.revision !== engine.revision.value ||
    answer.members !== members ||
    answer.state !== engine.state ||
    answer.maintenance !== engine.maintenance
  )
    return undefined;
  return answer.report;
}

/**
 * Keeps `report` as the group's answer when every entry came from a cached result that is still fresh (live mode
 * only: a heartbeat's state and a startup sequence answer by rules of their own). Its arrays are frozen in place,
 * since the caller's report and every later answer share them.
 */
export function keepAnswer(
  engine: Engine,
  group: ProbeGroupName,
  members: readonly RegisteredProbe[],
  entries: readonly ReportEntry[],
  report: HealthReport,
  now: number,
): void {
  const ttl = engine.config.cacheTtlMs;
  if (ttl <= 0 || group === 'startup' || engine.config.heartbeat !== undefined) return;
  let freshUntil = Number.POSITIVE_INFINITY;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]?.cached !== true) return;
    const last = engine.slots.get(members[i]?.name ?? '')?.last;
    if (last === undefined) return;
    freshUntil = Math.min(freshUntil, last.finishedAt + ttl);
  }
  if (freshUntil <= now) return; // a stale answer (stale-while-revalidate) is not worth keeping
  deepFreeze(report.checks);
  deepFreeze(report.failures);
  engine.answers.set(group, {
    report: Object.freeze({ ...report }),
    members,
    revision: engine.revision.value,
    state: engine.state,
    maintenance: engine.maintenance,
    freshUntil,
  });
}

/** The kept report as the answer of a check that started at `startedAt`: its own head, the shared arrays. */
export function answerFrom(engine: Engine, kept: HealthReport, startedAt: number): HealthReport {
  const context = reportContext(engine, startedAt);
  return { ...kept, timestamp: context.timestamp, duration_ms: context.durationMs };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

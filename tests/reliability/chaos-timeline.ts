// What the chaos test records (faults and /readyz polls, in ms since the run started) and the pure judgement
// of it: per outage, when readiness first named the dependency and when it stopped naming it.
import type { Dependency, FaultKind } from './chaos-schedule.js';

/** A fault applied (before the stop/SIGSTOP is sent) or cleared (once the server answers again). */
export interface FaultMark {
  readonly t: number;
  readonly dependency: Dependency;
  readonly kind: FaultKind;
  readonly phase: 'applied' | 'cleared';
}

/** One /readyz poll: `t` when its answer arrived; `failing` is the body's `failures` names. */
export interface PollMark {
  readonly sentAt: number;
  readonly t: number;
  /** HTTP status, or 0 when the request failed (network error or no answer in time). */
  readonly status: number;
  readonly failing: readonly string[];
  /** The request's error, when status is 0. */
  readonly error?: string;
}

/** The bounds an outage is judged against, and why they are what they are. */
export interface Bounds {
  /** An outage at least this long must show as 503 naming the dependency within this long of being applied. */
  readonly detectionMs: number;
  /** Readiness must stop naming the dependency within this long of the fault being cleared. */
  readonly recoveryMs: number;
}

/** One outage and what readiness made of it. */
export interface OutageVerdict {
  readonly dependency: Dependency;
  readonly kind: FaultKind;
  readonly appliedAt: number;
  readonly clearedAt: number;
  /** ms from applied to the first answer naming the dependency; undefined if none did. */
  readonly detectionMs: number | undefined;
  /** ms from cleared to the first answer not naming it; undefined if the run ended or the next fault came first. */
  readonly recoveryMs: number | undefined;
  /** Problems with this outage (empty when it behaved). */
  readonly problems: readonly string[];
}

/** Pairs each applied mark with the cleared mark of the same dependency that follows it. */
export function outagesOf(
  faults: readonly FaultMark[],
): { dependency: Dependency; kind: FaultKind; appliedAt: number; clearedAt: number }[] {
  const open = new Map<Dependency, FaultMark>();
  const out: { dependency: Dependency; kind: FaultKind; appliedAt: number; clearedAt: number }[] = [];
  for (const mark of faults) {
    if (mark.phase === 'applied') {
      open.set(mark.dependency, mark);
      continue;
    }
    const applied = open.get(mark.dependency);
    if (applied === undefined)
      throw new Error(`${mark.dependency} cleared at ${mark.t} without being applied`);
    open.delete(mark.dependency);
    out.push({ dependency: mark.dependency, kind: mark.kind, appliedAt: applied.t, clearedAt: mark.t });
  }
  if (open.size > 0) throw new Error(`faults never cleared: ${[...open.keys()].join(', ')}`);
  return out;
}

const names = (poll: PollMark, dependency: Dependency): boolean =>
  poll.status === 503 && poll.failing.includes(dependency);

/** Judges every outage against the bounds. Polls must be in arrival order. */
export function judgeOutages(
  faults: readonly FaultMark[],
  polls: readonly PollMark[],
  bounds: Bounds,
): OutageVerdict[] {
  const outages = outagesOf(faults);
  return outages.map((outage, index) => {
    const problems: string[] = [];
    const label = `${outage.dependency} ${outage.kind} at ${Math.round(outage.appliedAt)} ms for ${Math.round(outage.clearedAt - outage.appliedAt)} ms`;
    // The next fault of the same dependency ends the window in which this one can be detected or recovered.
    const next = outages.slice(index + 1).find((later) => later.dependency === outage.dependency);
    const windowEnd = next?.appliedAt ?? Number.POSITIVE_INFINITY;
    const detected = polls.find(
      (poll) => poll.sentAt >= outage.appliedAt && poll.sentAt < windowEnd && names(poll, outage.dependency),
    );
    const detectionMs = detected === undefined ? undefined : detected.t - outage.appliedAt;
    const long = outage.clearedAt - outage.appliedAt >= bounds.detectionMs;
    if (long && (detectionMs === undefined || detectionMs > bounds.detectionMs)) {
      problems.push(
        `${label}: readiness named it ${detectionMs === undefined ? 'never' : `after ${Math.round(detectionMs)} ms`}, bound ${bounds.detectionMs} ms`,
      );
    }
    const recovered = polls.find(
      (poll) => poll.sentAt >= outage.clearedAt && poll.status !== 0 && !names(poll, outage.dependency),
    );
    const recoveryMs =
      recovered === undefined || recovered.sentAt >= windowEnd ? undefined : recovered.t - outage.clearedAt;
    const judgeable = outage.clearedAt + bounds.recoveryMs < windowEnd;
    const lastPoll = polls.at(-1)?.sentAt ?? 0;
    if (judgeable && lastPoll > outage.clearedAt + bounds.recoveryMs) {
      if (recoveryMs === undefined || recoveryMs > bounds.recoveryMs) {
        problems.push(
          `${label}: readiness still named it ${recoveryMs === undefined ? 'at the end' : `${Math.round(recoveryMs)} ms`} after it was cleared, bound ${bounds.recoveryMs} ms`,
        );
      }
    }
    return { ...outage, detectionMs, recoveryMs, problems };
  });
}

/**
 * Polls that are wrong whatever the outages: no answer, a status other than 200/503, a 503 naming nothing,
 * or a 503 naming a dependency that was neither broken nor within the recovery bound of being restored.
 */
export function strayPolls(
  faults: readonly FaultMark[],
  polls: readonly PollMark[],
  bounds: Bounds,
): string[] {
  const outages = outagesOf(faults);
  const problems: string[] = [];
  for (const poll of polls) {
    const at = `poll at ${Math.round(poll.sentAt)} ms`;
    if (poll.status === 0) problems.push(`${at}: no answer (${poll.error ?? 'unknown error'})`);
    else if (poll.status !== 200 && poll.status !== 503) problems.push(`${at}: status ${poll.status}`);
    else if (poll.status === 503 && poll.failing.length === 0)
      problems.push(`${at}: 503 naming no dependency`);
    for (const name of poll.status === 503 ? poll.failing : []) {
      const explained = outages.some(
        (outage) =>
          outage.dependency === name &&
          poll.sentAt >= outage.appliedAt &&
          poll.sentAt <= outage.clearedAt + bounds.recoveryMs,
      );
      if (!explained) problems.push(`${at}: 503 named ${name}, which was not broken`);
    }
  }
  return problems;
}

/** Median and maximum of the defined values, rounded (for the printed summary). */
export function spread(values: readonly (number | undefined)[]): {
  n: number;
  median?: number;
  max?: number;
} {
  const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0 };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: sorted.length, median: Math.round(median), max: Math.round(sorted.at(-1)!) };
}

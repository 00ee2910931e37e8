// `analyze --samples`: the recorded series evaluated at --now, and the decision re-run at each minute before it
// so the report can draw how the verdict moved.
import type { ContractIssue, ParseResult, RollbackRules } from '@rollgate/contract';
import {
  compileRules,
  evaluateRollback,
  type RollbackAction,
  type RollbackDecision,
  type RollbackState,
  type SeriesInput,
} from '@rollgate/core/rules';
import { readDataFile, SAMPLES_MAX_BYTES } from '../files/read-data.js';
import { earliestSampleTime, seriesUntil } from '../files/samples.js';

/** One point of the decision timeline. */
export interface TimelinePoint {
  /** Evaluation instant, epoch ms. */
  t: number;
  /** The decision at that instant. */
  action: RollbackAction;
}

const MAX_TIMELINE_POINTS = 240;

/**
 * Decisions from the first sample to `now`, one per minute (fewer, evenly spaced, over long recordings),
 * each seeing only the samples up to its instant and the state the previous one returned, as a controller would.
 */
export function decisionTimeline(rules: RollbackRules, series: SeriesInput, now: number): TimelinePoint[] {
  const first = earliestSampleTime(series);
  const compiled = compileRules(rules);
  if (first === undefined || !compiled.ok || first > now) return [];
  const step = Math.max(60_000, Math.ceil((now - first) / MAX_TIMELINE_POINTS));
  const points: TimelinePoint[] = [];
  let state: RollbackState | undefined;
  for (let t = first + step; t < now; t += step) {
    const d = evaluateRollback({
      rules: compiled.value,
      series: seriesUntil(series, t),
      now: t,
      hashInputs: false,
      ...(state !== undefined ? { state } : {}),
    });
    state = d.state;
    points.push({ t, action: d.action });
  }
  const last = evaluateRollback({
    rules: compiled.value,
    series: seriesUntil(series, now),
    now,
    hashInputs: false,
    ...(state !== undefined ? { state } : {}),
  });
  points.push({ t: now, action: last.action });
  return points;
}

/** Reads a samples file and evaluates the rules over it at the instant `nowOf` picks. */
export async function evaluateSamples(
  path: string,
  file: string,
  rules: RollbackRules,
  nowOf: (series: unknown) => { ms: number; offset: string },
): Promise<
  | {
      ok: true;
      value: {
        decision: RollbackDecision;
        series: SeriesInput;
        issues: ContractIssue[];
        timeline: TimelinePoint[];
      };
      now: { ms: number; offset: string };
    }
  | { ok: false; issues: ContractIssue[] }
> {
  const read: ParseResult<unknown> = await readDataFile(path, { maxBytes: SAMPLES_MAX_BYTES });
  if (!read.ok) return { ok: false, issues: read.issues.map((i) => ({ ...i, file })) };
  const data = read.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_series',
          path: '',
          message: 'expected an object of series keyed by metric name',
          file,
        },
      ],
    };
  const series = data as SeriesInput;
  const now = nowOf(series);
  const decision = evaluateRollback({ rules, series, now: now.ms });
  return {
    ok: true,
    now,
    value: { decision, series, issues: decision.issues, timeline: decisionTimeline(rules, series, now.ms) },
  };
}

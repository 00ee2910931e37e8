// `analyze --samples`: the recorded series evaluated at --now, and the decision re-run at each minute before it
// so the report can draw how the verdict moved.
import type { CanaryPlan, ContractIssue, ParseResult, RollbackRules } from '@rollgate/contract';
import { advanceCanary, type CanaryState, confirmDeployment, startCanary } from '@rollgate/core/canary';
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

/** One canary weight step of a replayed plan. */
export interface WeightStep {
  /** When the weight was applied, epoch ms. */
  t: number;
  /** Traffic percentage. */
  weight: number;
  /** Canary phase then. */
  phase: string;
}

/** The decisions over time and, with a canary plan, the weights the canary would have taken. */
export interface Timeline {
  /** Decisions, oldest first; the last at `now`. */
  points: TimelinePoint[];
  /** Weight steps (empty without a plan). */
  steps: WeightStep[];
}

const MAX_TIMELINE_POINTS = 240;

function canaryReplay(plan: CanaryPlan | undefined, first: number) {
  if (plan === undefined) return null;
  const steps: WeightStep[] = [];
  let state: CanaryState = startCanary(plan, first).state;
  const record = (t: number) => {
    const last = steps[steps.length - 1];
    if (last === undefined || last.weight !== state.weight || last.phase !== state.phase)
      steps.push({ t, weight: state.weight, phase: state.phase });
  };
  record(first);
  let confirmed = false;
  return {
    steps,
    // The deployment is taken as healthy at the first evaluation: the samples say nothing about readiness.
    advance(t: number, decision: RollbackDecision) {
      if (!confirmed) {
        state = confirmDeployment(plan, state, { healthOk: true }, t).state;
        confirmed = true;
        record(t);
        return;
      }
      if (state.phase === 'ROLLBACK' || state.phase === 'PROMOTED') return;
      state = advanceCanary(plan, state, decision, t).state;
      record(t);
    },
  };
}

/**
 * Decisions from the first sample to `now`, one per minute (fewer, evenly spaced, over long recordings), each
 * seeing only the samples up to its instant and the state the previous one returned, as a controller would; with
 * a canary plan, the plan driven by those decisions.
 */
export function decisionTimeline(
  rules: RollbackRules,
  series: SeriesInput,
  now: number,
  plan?: CanaryPlan,
): Timeline {
  const first = earliestSampleTime(series);
  const compiled = compileRules(rules);
  if (first === undefined || !compiled.ok || first > now) return { points: [], steps: [] };
  const step = Math.max(60_000, Math.ceil((now - first) / MAX_TIMELINE_POINTS));
  const points: TimelinePoint[] = [];
  const canary = canaryReplay(plan, first);
  let state: RollbackState | undefined;
  const instants: number[] = [];
  for (let t = first + step; t < now; t += step) instants.push(t);
  instants.push(now);
  for (const t of instants) {
    const d = evaluateRollback({
      rules: compiled.value,
      series: seriesUntil(series, t),
      now: t,
      hashInputs: false,
      ...(state !== undefined ? { state } : {}),
    });
    state = d.state;
    points.push({ t, action: d.action });
    canary?.advance(t, d);
  }
  return { points, steps: canary?.steps ?? [] };
}

/** What the evaluator said about a set of samples, and how it got there. */
export interface Evaluated {
  /** The decision at `now`. */
  decision: RollbackDecision;
  /** The samples judged. */
  series: SeriesInput;
  /** Problems with the samples the decision already weighed. */
  issues: ContractIssue[];
  /** Decisions over time (and canary weights with a plan). */
  timeline: Timeline;
}

/** Reads a samples file and evaluates the rules over it at the instant `nowOf` picks. */
export async function evaluateSamples(
  path: string,
  file: string,
  rules: RollbackRules,
  nowOf: (series: unknown) => { ms: number; offset: string },
  plan?: CanaryPlan,
): Promise<
  { ok: true; value: Evaluated; now: { ms: number; offset: string } } | { ok: false; issues: ContractIssue[] }
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
    value: {
      decision,
      series,
      issues: decision.issues,
      timeline: decisionTimeline(rules, series, now.ms, plan),
    },
  };
}

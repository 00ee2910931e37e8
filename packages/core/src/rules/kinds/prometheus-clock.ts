// Where the breaching run behind a threshold rule's `for` began, read two ways. `prometheusRun` reads it as a
// Prometheus alerting rule would at evaluations on the sample times: an evaluation sees the latest sample within
// the lookback; NaN compares false (except `!=`, true, as in Go); a staleness marker hides the series; a gap
// longer than the lookback leaves evaluations that see nothing. Each of those ends the run. `sampleRun` is the
// older reading: every finite sample since the run began breaches, NaN and gaps are skipped.
import type { ComparisonOp } from '@rollgate/contract';
import { breaches } from '../compare.js';
import { at, dur } from '../format.js';
import type { Column } from '../series.js';
import { lowerBound } from '../window.js';

/** The current breaching run. */
export interface BreachRun {
  /** Breaching samples in the run (0: the latest sample does not breach). */
  samples: number;
  /** Time of the run's first sample (NaN when there is no run). */
  since: number;
  /** The latest sample is a staleness marker. */
  stale: boolean;
  /** What ended the run before it, when that was not a good sample (for the reason's sentence). */
  restartedBy: string | null;
}

/** True when the column holds a staleness marker at time `t`. */
export function isStaleAt(col: Column, t: number): boolean {
  const s = col.stale;
  if (s.length === 0) return false;
  const i = lowerBound(s, t);
  return i < s.length && s[i] === t;
}

/** `observed <op> threshold` with IEEE comparisons, as PromQL evaluates it: NaN is false, except for `!=`. */
export function promBreaches(op: ComparisonOp, observed: number, threshold: number): boolean {
  return op === '!=' ? observed !== threshold : breaches(op, observed, threshold);
}

/** The run ending at sample `last`, read as Prometheus reads it with the given lookback. */
export function prometheusRun(
  col: Column,
  last: number,
  rule: { op: ComparisonOp; value: number },
  lookbackMs: number,
): BreachRun {
  const { t, v } = col;
  if (isStaleAt(col, t[last]!)) return { samples: 0, since: Number.NaN, stale: true, restartedBy: null };
  let samples = 0;
  let since = Number.NaN;
  let restartedBy: string | null = null;
  for (let i = last; i >= 0; i--) {
    const x = v[i]!;
    if (samples > 0 && since - t[i]! > lookbackMs) {
      restartedBy = `a ${dur(since - t[i]!)} gap, longer than the ${dur(lookbackMs)} lookback, at ${at(t[i]!)}`;
      break;
    }
    if (Number.isNaN(x) && isStaleAt(col, t[i]!)) {
      restartedBy = `a staleness marker at ${at(t[i]!)}`;
      break;
    }
    if (!promBreaches(rule.op, x, rule.value)) {
      if (Number.isNaN(x)) restartedBy = `a NaN sample at ${at(t[i]!)}`;
      break;
    }
    since = t[i]!;
    samples++;
  }
  return { samples, since, stale: false, restartedBy };
}

/** The older reading: the run of finite breaching samples ending at `lastFinite`, NaN and gaps skipped. */
export function sampleRun(
  col: Column,
  lastFinite: number,
  rule: { op: ComparisonOp; value: number },
): BreachRun {
  const { t, v } = col;
  let since = t[lastFinite]!;
  let samples = 0;
  for (let i = lastFinite; i >= 0; i--) {
    const x = v[i]!;
    if (x - x !== 0) continue;
    if (!breaches(rule.op, x, rule.value)) break;
    since = t[i]!;
    samples++;
  }
  return { samples, since, stale: false, restartedBy: null };
}

// The report draws `{ t, value }` points; the evaluator accepts several shapes. One conversion, here.
import type { SampleSource, SeriesInput } from '@rollgate/core/rules';
import { isPaired, samplesOf } from '../files/samples.js';

/** Finite points of one side, sorted by time. */
export interface Points {
  /** Sorted times, epoch ms. */
  t: number[];
  /** Values (NaN where the provider gave no number). */
  value: number[];
  /** The provider's error for this side, when it failed. */
  error: string | null;
}

function pointsOf(source: SampleSource | undefined): Points {
  if (
    source !== undefined &&
    typeof source === 'object' &&
    'error' in source &&
    typeof source.error === 'string'
  )
    return { t: [], value: [], error: source.error };
  const samples = samplesOf(source).sort((a, b) => a.t - b.t);
  return {
    t: samples.map((s) => s.t),
    value: samples.map((s) => (typeof s.value === 'number' ? s.value : Number.NaN)),
    error: null,
  };
}

/** The canary (and, for a pair, baseline) points of one metric. */
export function metricPoints(
  series: SeriesInput,
  metric: string,
): { canary: Points; baseline: Points | null } {
  const entry = Object.hasOwn(series, metric) ? series[metric] : undefined;
  if (isPaired(entry)) return { canary: pointsOf(entry.canary), baseline: pointsOf(entry.baseline) };
  return { canary: pointsOf(entry as SampleSource | undefined), baseline: null };
}

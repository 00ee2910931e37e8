// A Prometheus range-query answer → one series of sample columns, or the reason it cannot be one.

import { isRecord } from '@rollgate/contract/errors';
import type { SampleColumns } from '@rollgate/core/rules';

/** What a parsed answer holds: the samples of its one series (empty when the query matched nothing). */
export type MatrixResult =
  | { ok: true; series: SampleColumns; seriesCount: number }
  | { ok: false; error: string };

// Prometheus writes sample values as strings; these three are its spellings of non-finite floats.
const SPECIAL: Readonly<Record<string, number>> = { NaN: Number.NaN, '+Inf': Infinity, '-Inf': -Infinity };

/** Reads a sample value the way Prometheus writes it (`"0.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`); anything else is NaN. */
export function sampleValue(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const special = SPECIAL[text];
  if (special !== undefined) return special;
  // Number('') is 0 and Number(' 1') is 1: Prometheus never writes either, so treat them as unreadable.
  return text.trim() === text && text !== '' ? Number(text) : Number.NaN;
}

function describeLabels(metric: unknown): string {
  if (!isRecord(metric)) return '{}';
  const pairs = Object.entries(metric)
    .slice(0, 6)
    .map(([k, v]) => `${k}="${String(v)}"`);
  return `{${pairs.join(',')}}`;
}

/**
 * Reads the `data` of a successful `query_range` answer. The evaluator judges one series per metric, so a
 * result of several series is an error naming the first two (aggregate the query with `sum(…)` or `max(…)`),
 * and an empty result is an empty series (no data), never an error.
 */
export function parseMatrix(data: unknown): MatrixResult {
  if (!isRecord(data) || !Array.isArray(data.result))
    return { ok: false, error: 'Prometheus answered without data.result' };
  if (data.resultType !== 'matrix')
    return { ok: false, error: `Prometheus answered a ${String(data.resultType)}, expected a matrix` };
  const result = data.result as unknown[];
  if (result.length === 0)
    return { ok: true, series: { t: new Float64Array(0), value: new Float64Array(0) }, seriesCount: 0 };
  if (result.length > 1) {
    const first = isRecord(result[0]) ? describeLabels(result[0].metric) : '{}';
    const second = isRecord(result[1]) ? describeLabels(result[1].metric) : '{}';
    return {
      ok: false,
      error: `the query returned ${result.length} series (${first}, ${second}, …); aggregate it to one, e.g. sum(…)`,
    };
  }
  const only = result[0];
  if (!isRecord(only) || !Array.isArray(only.values))
    return { ok: false, error: 'Prometheus answered a series without values' };
  const values = only.values as unknown[];
  const t = new Float64Array(values.length);
  const value = new Float64Array(values.length);
  let n = 0;
  for (const point of values) {
    if (!Array.isArray(point) || typeof point[0] !== 'number' || !Number.isFinite(point[0])) continue;
    // Prometheus times are seconds with millisecond precision; round away float noise (1.7e9 * 1000).
    t[n] = Math.round(point[0] * 1000);
    value[n] = sampleValue(point[1]);
    n++;
  }
  return { ok: true, series: { t: t.subarray(0, n), value: value.subarray(0, n) }, seriesCount: 1 };
}

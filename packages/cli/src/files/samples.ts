// The samples file of `rollgate analyze --samples`: exactly the series shape evaluateRollback takes
// (`{ metric: [{ t, value }] }` or `{ metric: { canary, baseline } }`); the evaluator itself reports a bad shape.

import { isRecord } from '@rollgate/contract/errors';
import type { Sample, SampleSource, SeriesInput } from '@rollgate/core/rules';

/** The samples of one source as `{ t, value }` pairs (empty for a provider error or an unreadable shape). */
export function samplesOf(source: unknown): Sample[] {
  if (Array.isArray(source)) {
    return source.filter((s): s is Sample => isRecord(s) && typeof s.t === 'number' && Number.isFinite(s.t));
  }
  if (isRecord(source) && source.t !== undefined && source.value !== undefined) {
    const t = source.t as ArrayLike<number>;
    const value = source.value as ArrayLike<number | null>;
    const out: Sample[] = [];
    const n = Math.min(t.length ?? 0, value.length ?? 0);
    for (let i = 0; i < n; i++) {
      const at = t[i];
      if (typeof at === 'number' && Number.isFinite(at)) out.push({ t: at, value: value[i] ?? null });
    }
    return out;
  }
  return [];
}

/** True when the entry is a canary/baseline pair. */
export function isPaired(entry: unknown): entry is { canary: SampleSource; baseline: SampleSource } {
  return isRecord(entry) && 'canary' in entry && 'baseline' in entry;
}

/** The latest sample time in the whole file (epoch ms), or undefined when there is none. */
export function latestSampleTime(series: unknown): number | undefined {
  if (!isRecord(series)) return undefined;
  let latest: number | undefined;
  const visit = (source: unknown) => {
    for (const s of samplesOf(source)) if (latest === undefined || s.t > latest) latest = s.t;
  };
  for (const entry of Object.values(series)) {
    if (isPaired(entry)) {
      visit(entry.canary);
      visit(entry.baseline);
    } else visit(entry);
  }
  return latest;
}

/** The earliest sample time in the whole file (epoch ms), or undefined when there is none. */
export function earliestSampleTime(series: unknown): number | undefined {
  if (!isRecord(series)) return undefined;
  let earliest: number | undefined;
  const visit = (source: unknown) => {
    for (const s of samplesOf(source)) if (earliest === undefined || s.t < earliest) earliest = s.t;
  };
  for (const entry of Object.values(series)) {
    if (isPaired(entry)) {
      visit(entry.canary);
      visit(entry.baseline);
    } else visit(entry);
  }
  return earliest;
}

/** The series as the evaluator would have seen it at `now`: only samples at or before `now`. */
export function seriesUntil(series: SeriesInput, now: number): SeriesInput {
  const cut = (source: unknown): SampleSource =>
    isRecord(source) && typeof source.error === 'string'
      ? (source as { error: string })
      : samplesOf(source).filter((s) => s.t <= now);
  const out: Record<string, SampleSource | { canary: SampleSource; baseline: SampleSource }> = {};
  for (const [metric, entry] of Object.entries(series)) {
    out[metric] = isPaired(entry) ? { canary: cut(entry.canary), baseline: cut(entry.baseline) } : cut(entry);
  }
  return out;
}

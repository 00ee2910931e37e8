// Turns whatever the caller passed for a metric into sorted Float64Array columns, once per metric.
// Sorted typed arrays are used as they are (no copy, no sort); anything else is copied once and sorted
// once. Samples are ordered by (t, value) with NaN last, so any permutation of the same samples gives
// the same columns (and the same hash).
// Over 300 lines on purpose: the one-copy, one-sort column builder is the evaluator's hot path (BENCHMARKS.md,
// Evaluators), and keeping its readers of each input shape beside it keeps every copy decision in one place.
import type { ContractIssue } from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { ROLLBACK_ISSUE_CODES } from './codes.js';

/**
 * Samples of one metric side, sorted by (t, value) with NaN values last among equal times; every `t` is finite.
 * Values are finite, ±Infinity or NaN. Columns may be the caller's own typed arrays (never written to).
 */
export interface Column {
  /** Sample times, epoch ms, non-decreasing. */
  t: Float64Array;
  /** Values; NaN marks a sample the provider returned without a number. */
  v: Float64Array;
  /** Samples dropped because their time was not a finite number. */
  dropped: number;
  /**
   * Times of staleness markers, ascending (empty when none): samples the caller flagged `stale: true` (the target
   * disappeared, as Prometheus marks it). Their values are NaN in `v`.
   */
  stale: Float64Array;
}

/** The `stale` of a column without staleness markers (shared, never written to). */
export const NO_STALE_MARKERS: Float64Array = new Float64Array(0);

/** One normalized side of a metric. */
export type Source =
  | { kind: 'samples'; column: Column }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; message: string; raw: unknown };

/** One normalized metric entry. */
export type MetricEntry =
  | { kind: 'single'; source: Source }
  | { kind: 'paired'; canary: Source; baseline: Source };

const MAX_SAMPLE_ISSUES = 5;

// NaN sorts after every number, so equal-time samples have one order whatever the input order.
function compareValues(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isStaleColumn(value: unknown): value is ArrayLike<unknown> {
  return value instanceof Uint8Array || Array.isArray(value);
}

function isNumberArray(value: unknown): value is Float64Array | readonly unknown[] {
  return value instanceof Float64Array || Array.isArray(value);
}

/** Reports dropped samples, at most a few per source, then one line for the rest. */
class SampleIssues {
  private count = 0;
  constructor(
    private readonly issues: ContractIssue[],
    private readonly path: string,
  ) {}
  add(index: number, field: string, message: string): void {
    this.count++;
    if (this.count <= MAX_SAMPLE_ISSUES) {
      this.issues.push({
        code: ROLLBACK_ISSUE_CODES.SAMPLE_INVALID,
        path: `${this.path}[${index}].${field}`,
        message,
      });
    }
  }
  finish(): void {
    if (this.count > MAX_SAMPLE_ISSUES) {
      this.issues.push({
        code: ROLLBACK_ISSUE_CODES.SAMPLE_INVALID,
        path: this.path,
        message: `${this.count - MAX_SAMPLE_ISSUES} more samples were dropped or read as NaN for the same reasons`,
      });
    }
  }
}

function sortColumns(t: Float64Array, v: Float64Array): { t: Float64Array; v: Float64Array } {
  const n = t.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const ta = t[a]!;
    const tb = t[b]!;
    return ta < tb ? -1 : ta > tb ? 1 : compareValues(v[a]!, v[b]!);
  });
  const st = new Float64Array(n);
  const sv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    st[i] = t[j]!;
    sv[i] = v[j]!;
  }
  return { t: st, v: sv };
}

function finishColumn(
  t: Float64Array,
  v: Float64Array,
  sorted: boolean,
  dropped: number,
  stale: Float64Array,
): Column {
  if (sorted) return { t, v, dropped, stale };
  const s = sortColumns(t, v);
  return { t: s.t, v: s.v, dropped, stale };
}

function staleTimes(times: number[]): Float64Array {
  if (times.length === 0) return NO_STALE_MARKERS;
  return Float64Array.from(new Set(times)).sort();
}

// Builds normalized columns one sample at a time, for both input shapes: drops samples without a finite
// time, reads non-numbers as NaN, folds -0 to 0, and notes whether the input was already in order.
class ColumnBuilder {
  private readonly t: Float64Array;
  private readonly v: Float64Array;
  private j = 0;
  private sorted = true;
  private prevT = Number.NEGATIVE_INFINITY;
  private prevV = Number.NEGATIVE_INFINITY;
  private readonly staleAt: number[] = [];

  constructor(
    private readonly n: number,
    private readonly errs: SampleIssues,
  ) {
    this.t = new Float64Array(n);
    this.v = new Float64Array(n);
  }

  push(i: number, ti: unknown, raw: unknown, stale = false): void {
    if (typeof ti !== 'number' || !Number.isFinite(ti)) {
      this.errs.add(i, 't', 'sample time must be a finite epoch-ms number; dropped');
      return;
    }
    let vi: number;
    // A staleness marker carries no value, whatever was passed beside it.
    if (stale) {
      vi = Number.NaN;
      this.staleAt.push(ti === 0 ? 0 : ti);
    } else if (typeof raw === 'number') vi = raw === 0 ? 0 : raw;
    else {
      if (raw !== null && raw !== undefined)
        this.errs.add(i, 'value', 'sample value must be a number or null; read as NaN');
      vi = Number.NaN;
    }
    const tc = ti === 0 ? 0 : ti;
    if (tc < this.prevT || (tc === this.prevT && compareValues(this.prevV, vi) > 0)) this.sorted = false;
    this.prevT = tc;
    this.prevV = vi;
    this.t[this.j] = tc;
    this.v[this.j] = vi;
    this.j++;
  }

  finish(): Column {
    this.errs.finish();
    const { j, n } = this;
    return finishColumn(
      j === n ? this.t : this.t.slice(0, j),
      j === n ? this.v : this.v.slice(0, j),
      this.sorted,
      n - j,
      staleTimes(this.staleAt),
    );
  }
}

// Sample objects: one pass builds the columns and checks the order.
function fromSamples(samples: readonly unknown[], errs: SampleIssues): Column {
  const columns = new ColumnBuilder(samples.length, errs);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (!isRecord(s)) {
      errs.add(i, 't', 'a sample must be an object { t, value }; dropped');
      continue;
    }
    columns.push(i, s.t, s.value, s.stale === true);
  }
  return columns.finish();
}

// Sorted typed columns with finite times are used without a copy: one pass over `t`, which for sorted input
// is the only per-sample work normalization does. Values are not read except at equal times.
function typedIsSorted(t: Float64Array, v: Float64Array): boolean {
  const n = t.length;
  if (n === 0) return true;
  let prev = t[0]!;
  if (prev - prev !== 0) return false;
  for (let i = 1; i < n; i++) {
    const x = t[i]!;
    if (x > prev) {
      prev = x;
      continue;
    }
    // Equal times must already be ordered by value (NaN last); anything else (a step back, NaN) is not sorted.
    if (x === prev && compareValues(v[i - 1]!, v[i]!) <= 0) continue;
    return false;
  }
  return prev - prev === 0;
}

function fromColumns(
  tIn: Float64Array | readonly unknown[],
  vIn: Float64Array | readonly unknown[],
  staleIn: ArrayLike<unknown> | undefined,
  errs: SampleIssues,
): Column {
  if (
    staleIn === undefined &&
    tIn instanceof Float64Array &&
    vIn instanceof Float64Array &&
    typedIsSorted(tIn, vIn)
  ) {
    return { t: tIn, v: vIn, dropped: 0, stale: NO_STALE_MARKERS };
  }
  const columns = new ColumnBuilder(tIn.length, errs);
  for (let i = 0; i < tIn.length; i++)
    columns.push(i, tIn[i], vIn[i], staleIn?.[i] === true || staleIn?.[i] === 1);
  return columns.finish();
}

/** Normalizes one side: sample objects, columns, or a provider error. Problems are appended to `issues`. */
export function normalizeSource(raw: unknown, path: string, issues: ContractIssue[]): Source {
  if (Array.isArray(raw))
    return { kind: 'samples', column: fromSamples(raw, new SampleIssues(issues, path)) };
  if (isRecord(raw)) {
    if ('error' in raw) {
      if (typeof raw.error === 'string') return { kind: 'error', message: raw.error };
      return invalidSource(raw, path, issues, 'a provider error must be { error: string }');
    }
    if ('t' in raw || 'value' in raw) {
      const { t, value } = raw;
      if (!isNumberArray(t) || !isNumberArray(value)) {
        return invalidSource(
          raw,
          path,
          issues,
          'sample columns must be { t: number[] | Float64Array, value: … } of equal length',
        );
      }
      if (t.length !== value.length) {
        return invalidSource(
          raw,
          path,
          issues,
          `sample columns differ in length (t: ${t.length}, value: ${value.length})`,
        );
      }
      const { stale } = raw;
      if (stale !== undefined && !(isStaleColumn(stale) && stale.length === t.length)) {
        return invalidSource(
          raw,
          path,
          issues,
          'stale must be a boolean[] or Uint8Array as long as t (true or 1 marks a staleness marker)',
        );
      }
      return { kind: 'samples', column: fromColumns(t, value, stale, new SampleIssues(issues, path)) };
    }
  }
  return invalidSource(
    raw,
    path,
    issues,
    'expected an array of { t, value } samples, sample columns or { error }',
  );
}

function invalidSource(raw: unknown, path: string, issues: ContractIssue[], message: string): Source {
  issues.push({ code: ROLLBACK_ISSUE_CODES.SAMPLE_INVALID, path, message });
  return { kind: 'invalid', message, raw };
}

/** Normalizes one metric entry: a single source, or `{ canary, baseline }`. */
export function normalizeEntry(raw: unknown, path: string, issues: ContractIssue[]): MetricEntry {
  if (isRecord(raw) && ('canary' in raw || 'baseline' in raw)) {
    return {
      kind: 'paired',
      canary: normalizeSource(raw.canary, `${path}.canary`, issues),
      baseline: normalizeSource(raw.baseline, `${path}.baseline`, issues),
    };
  }
  const source = normalizeSource(raw, path, issues);
  return { kind: 'single', source };
}

/** The input path of a metric in `series`, as `series["http.server.errors.rate"]`. */
export function seriesPath(metric: string): string {
  return `series[${JSON.stringify(metric)}]`;
}

/** Lazily normalized series: each metric is normalized once per evaluation, whichever rule asks first. */
export class SeriesCache {
  private readonly entries = new Map<string, MetricEntry | null>();
  private readonly raw: Readonly<Record<string, unknown>>;

  constructor(
    raw: unknown,
    private issues: ContractIssue[],
  ) {
    if (isRecord(raw)) this.raw = raw;
    else {
      issues.push({
        code: ROLLBACK_ISSUE_CODES.SERIES_INVALID,
        path: 'series',
        message: 'series must be an object keyed by metric name',
      });
      this.raw = {};
    }
  }

  /**
   * Stops reporting sample problems: metrics no rule reads are normalized for the hash only, and their problems
   * must not make `issues` depend on whether hashing is on.
   */
  silence(): void {
    this.issues = [];
  }

  /** Metric names present in the input, sorted (the canonical order for hashing). */
  metrics(): string[] {
    return Object.keys(this.raw).sort();
  }

  /** The normalized entry of a metric, or null when the input has no such metric. */
  get(metric: string): MetricEntry | null {
    const cached = this.entries.get(metric);
    if (cached !== undefined) return cached;
    const entry = Object.hasOwn(this.raw, metric)
      ? normalizeEntry(this.raw[metric], seriesPath(metric), this.issues)
      : null;
    this.entries.set(metric, entry);
    return entry;
  }
}

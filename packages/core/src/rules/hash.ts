// inputHash: sha256 over a canonical form of { rules, series, now }. Rules are canonical JSON (keys sorted,
// non-finite numbers tagged); each metric, in name order, contributes a JSON header and then its sorted
// columns as little-endian float64 bytes (zero-copy views of the normalized columns), so permuted samples,
// sample objects and typed columns of the same data all hash alike.
import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from '../evaluator-kit/canonical-json.js';
import type { SeriesCache, Source } from './series.js';
import { lowerBound } from './window.js';

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

// NaN payloads and -0 would make equal inputs hash differently; a summing pass (NaN propagates) plus a
// zero-sign check finds them, and only then is a canonical copy made.
function canonicalColumn(column: Float64Array): Float64Array {
  let sum = 0;
  let negativeZero = false;
  for (let i = 0; i < column.length; i++) {
    const x = column[i]!;
    sum += x;
    if (x === 0 && 1 / x < 0) {
      negativeZero = true;
      break;
    }
  }
  if (!negativeZero && sum - sum === 0) return column;
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const x = column[i]!;
    out[i] =
      x === 0
        ? 0
        : x - x === 0 || x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY
          ? x
          : Number.NaN;
  }
  return out;
}

// Times are finite and sorted, so a -0 can only sit among the zeros, found by binary search.
function canonicalTimes(t: Float64Array): Float64Array {
  for (let i = lowerBound(t, 0); i < t.length && t[i] === 0; i++) {
    if (1 / t[i]! < 0) return t.map((x) => (x === 0 ? 0 : x));
  }
  return t;
}

function updateColumn(hash: Hash, column: Float64Array): void {
  if (LITTLE_ENDIAN) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    return;
  }
  // Big-endian hosts write the same little-endian bytes, so hashes agree across machines.
  const bytes = new Uint8Array(column.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < column.length; i++) view.setFloat64(i * 8, column[i]!, true);
  hash.update(bytes);
}

function updateSource(hash: Hash, header: Record<string, unknown>, source: Source): void {
  switch (source.kind) {
    case 'samples':
      hash.update(
        `${canonicalJson({ ...header, dropped: source.column.dropped, n: source.column.t.length })}\n`,
      );
      updateColumn(hash, canonicalTimes(source.column.t));
      updateColumn(hash, canonicalColumn(source.column.v));
      // Staleness markers change decisions, so they change the hash; without any, the bytes are as before.
      if (source.column.stale.length > 0) {
        hash.update(`${canonicalJson({ stale: source.column.stale.length })}\n`);
        updateColumn(hash, canonicalTimes(source.column.stale));
      }
      return;
    case 'error':
      hash.update(`${canonicalJson({ ...header, error: source.message })}\n`);
      return;
    case 'invalid':
      hash.update(`${canonicalJson({ ...header, invalid: source.raw })}\n`);
      return;
  }
}

/** `sha256:<hex>` of the canonical inputs; `rulesJson` is the canonical JSON of the rules input. */
export function hashInputs(rulesJson: string, series: SeriesCache, now: number | null): string {
  const hash = createHash('sha256');
  hash.update('rollgate/rollback-input/v1\n');
  hash.update(`${rulesJson}\n`);
  hash.update(`${canonicalJson(now)}\n`);
  for (const metric of series.metrics()) {
    const entry = series.get(metric);
    if (entry === null) continue;
    switch (entry.kind) {
      case 'single':
        updateSource(hash, { metric }, entry.source);
        break;
      case 'paired':
        updateSource(hash, { metric, side: 'canary' }, entry.canary);
        updateSource(hash, { metric, side: 'baseline' }, entry.baseline);
        break;
    }
  }
  return `sha256:${hash.digest('hex')}`;
}

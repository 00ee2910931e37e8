// Formatting an RFC 3339 timestamp costs more than answering a check from the cache, and a cached
// answer repeats the same instants: each settled result's `observed_at` until the next run, and the
// report `timestamp` for every answer within one millisecond. So each instant is formatted once.
import { formatTimestamp } from '@rollgate/contract/time';

/** Formats instants in one offset, remembering what it already formatted. */
export interface TimestampCache {
  /** RFC 3339 text of epoch ms `ms`; the last instant is remembered (many answers share a millisecond). */
  at(ms: number): string;
  /** RFC 3339 text of a settled result's `settledAt`, formatted once per result (results never change). */
  of(result: { readonly settledAt: number }): string;
}

/** Creates a cache for `offset` (`Z` or `±hh:mm`, validated by the caller). */
export function createTimestampCache(offset: string): TimestampCache {
  let lastMs = Number.NaN;
  let lastText = '';
  // Keyed by the result object, so a new run (a new result) is formatted afresh and an old one is collectable.
  const settled = new WeakMap<object, string>();
  return {
    at(ms) {
      if (ms !== lastMs) {
        lastText = formatTimestamp(ms, offset);
        lastMs = ms;
      }
      return lastText;
    },
    of(result) {
      let text = settled.get(result);
      if (text === undefined) {
        text = formatTimestamp(result.settledAt, offset);
        settled.set(result, text);
      }
      return text;
    },
  };
}

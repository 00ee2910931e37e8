// Strict options: a misspelled key (`probeTimeout` for `probeTimeoutMs`) silently running with the default is the
// kind of mistake that ships error text a user meant to hide, so every options object is checked against its keys.
// A 20-line edit distance keeps the probe path free of a dependency for one suggestion.
import { sharedError } from './shared-codes.js';

/**
 * Throws `ROLLGATE_ERR_UNKNOWN_OPTION` naming the first key of `options` that is not in `known`, and the nearest
 * known key when one is close (`createHealth: unknown option "probeTimeout"; did you mean "probeTimeoutMs"?`).
 * `where` names the call or nested option (`createHealth`, `heartbeat`). `undefined` and non-objects pass: the
 * caller's own type checks report those.
 */
export function rejectUnknownOptions(options: unknown, known: readonly string[], where: string): void {
  const [first] = unknownKeys(options, known);
  if (first !== undefined) {
    throw sharedError('ROLLGATE_ERR_UNKNOWN_OPTION', where, first.key, didYouMean(first.near));
  }
}

/** A key an object holds that its reader does not know, and the known key it was probably meant to be. */
export interface UnknownKey {
  /** The key as given. */
  readonly key: string;
  /** The nearest known key, when one is close enough to suggest. */
  readonly near: string | undefined;
}

/**
 * Every key of `value` not in `known`, in the object's order, each with its nearest known key; none when `value`
 * is not a plain object. What strict options throw on and strict readers report as issues.
 */
export function unknownKeys(value: unknown, known: readonly string[]): UnknownKey[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ key, near: nearestKey(key, known) }));
}

/** True for a plain key/value object: neither null nor an array. The one such test of every package. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one wording of a suggestion: `; did you mean "<prefix><near>"?`, or '' when there is none. */
export function didYouMean(near: string | undefined, prefix = ''): string {
  return near === undefined ? '' : `; did you mean "${prefix}${near}"?`;
}

/** The known key closest to `key` (case-insensitive edit distance, or a prefix match), if any is close enough. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const wanted = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance =
      lower.startsWith(wanted) || wanted.startsWith(lower)
        ? Math.abs(lower.length - wanted.length) * 0.5
        : editDistance(wanted, lower);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  // Past a third of the word the "suggestion" is noise.
  return bestDistance <= Math.max(2, Math.ceil(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

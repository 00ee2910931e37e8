import { formatDuration, formatTimestamp } from '@rollgate/contract/time';

/** A number as people read it in a message: at most 6 significant digits, no exponent for everyday sizes. */
export function num(value: number | null): string {
  if (value === null) return 'n/a';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : '-unbounded';
  return String(Number(value.toPrecision(6)));
}

/** A duration in milliseconds as `2m30s` (negative or non-finite durations read `0s`). */
export function dur(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? formatDuration(ms) : '0s';
}

/** An instant as an RFC 3339 UTC timestamp; never throws. */
export function at(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? formatTimestamp(ms, 'Z') : String(ms);
}

/** A finite number or null: reasons and details stay plain JSON. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A ratio as a percentage with up to 3 significant digits (`0.1234` → `12.3 %`). */
export function pct(value: number): string {
  if (!Number.isFinite(value)) return num(value);
  return `${Number((value * 100).toPrecision(3))} %`;
}

/** "1 sample", "3 samples". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

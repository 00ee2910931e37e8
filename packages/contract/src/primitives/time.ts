// Zod-free time helpers: exported from '@rollgate/contract/time' so the probe path can use them
// without loading a schema library.

// No leap second (:60): JavaScript dates cannot hold one (parseTimestamp would fail on it), and the
// CloudEvents date-time format refuses it anywhere but 23:59:60 UTC.
/** The date and time part of an RFC 3339 timestamp, before its offset. */
export const TIMESTAMP_BODY_PATTERN =
  '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?';
/** RFC 3339 timestamp with an explicit offset (`Z` or `±hh:mm`); field ranges are checked by the pattern. */
export const TIMESTAMP_PATTERN = `^${TIMESTAMP_BODY_PATTERN}(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$`;

/** An RFC 3339 UTC offset such as `+08:00`, `-05:30`, `+00:00` or `Z`. */
export type UtcOffset = 'Z' | `${'+' | '-'}${string}:${string}`;

const OFFSET_RE = /^(Z|([+-])([01]\d|2[0-3]):([0-5]\d))$/;
const TIMESTAMP_RE = new RegExp(TIMESTAMP_PATTERN);

/** Minutes east of UTC for an offset string, or undefined when the string is not an offset. */
export function offsetMinutes(offset: string): number | undefined {
  const m = OFFSET_RE.exec(offset);
  if (!m) return undefined;
  if (m[1] === 'Z') return 0;
  const sign = m[2] === '-' ? -1 : 1;
  return sign * (Number(m[3]) * 60 + Number(m[4]));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Formats an instant as RFC 3339 in the given offset, e.g. `formatTimestamp(date, '+08:00')`
 * → `2025-10-02T20:00:00.000+08:00`. Throws a RangeError for an invalid date or offset.
 */
export function formatTimestamp(instant: Date | number, offset: string = 'Z'): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format an invalid date (${String(instant)})`);
  const minutes = offsetMinutes(offset);
  if (minutes === undefined) throw new RangeError(`"${offset}" is not an RFC 3339 offset (use Z or ±hh:mm)`);
  const local = new Date(ms + minutes * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  return `${date}T${time}${offset}`;
}

/** True when the string is an RFC 3339 timestamp with an explicit offset and a real calendar date. */
export function isTimestamp(value: string): boolean {
  if (!TIMESTAMP_RE.test(value)) return false;
  const [y, mo, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** The offset part of an RFC 3339 timestamp (`Z`, `+08:00`, …), or undefined. */
export function timestampOffset(value: string): string | undefined {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(value);
  return m?.[1];
}

/** Parses an RFC 3339 timestamp to epoch milliseconds, or undefined when it is not one. */
export function parseTimestamp(value: string): number | undefined {
  if (!isTimestamp(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Duration strings in documents: one or more `<int><unit>` parts, units ms, s, m, h, d, w (e.g. `90s`, `1h30m`). */
export const DURATION_PATTERN = '^(?:\\d{1,9}(?:ms|s|m|h|d|w))+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds in a duration string such as `5m` or `1h30m`; undefined when the string is not a duration. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION_RE.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return total;
}

/** Formats milliseconds as the shortest duration string (`300000` → `5m`, `5400000` → `1h30m`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format ${ms} as a duration`);
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

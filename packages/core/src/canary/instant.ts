import type { ParseResult } from '@rollgate/contract';
import { parseTimestamp } from '@rollgate/contract/time';
import { CANARY_ISSUE_CODES } from './codes.js';
import { describeValue } from './describe-value.js';

// Events carry RFC 3339 timestamps: only years 0000 to 9999 can be written, in any offset.
const FIRST_INSTANT = Date.parse('0000-01-02T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-30T23:59:59.999Z');

/** Epoch milliseconds of an instant (finite number, valid Date or RFC 3339 string), or undefined. */
export function toEpochMs(instant: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof instant === 'number') ms = instant;
  else if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string') ms = parseTimestamp(instant);
  // `+ 0` turns -0 into 0, so a state survives a JSON round trip unchanged.
  return ms !== undefined && Number.isFinite(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT
    ? ms + 0
    : undefined;
}

/** Reads an instant argument as epoch milliseconds, or an `invalid_time` issue at `path`. */
export function readInstant(instant: unknown, path: string): ParseResult<number> {
  const ms = toEpochMs(instant);
  if (ms !== undefined) return { ok: true, value: ms };
  const message = `${path} must be epoch milliseconds, a valid Date or an RFC 3339 timestamp (years 0000 to 9999); got ${describeValue(instant)}`;
  return { ok: false, issues: [{ code: CANARY_ISSUE_CODES.invalidTime, path, message }] };
}

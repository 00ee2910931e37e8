// The instants the evaluators accept: epoch milliseconds, a valid Date or an RFC 3339 string, limited to what an
// RFC 3339 timestamp can spell (years 0000 to 9999, in any offset) so every decision's time can be written back.
import { parseTimestamp } from '@rollgate/contract/time';

const FIRST_INSTANT = Date.parse('0000-01-02T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-30T23:59:59.999Z');

/** Epoch milliseconds of an instant (finite number, valid Date or RFC 3339 string), or undefined. */
export function toEpochMs(instant: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof instant === 'number') ms = instant;
  else if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string') ms = parseTimestamp(instant);
  return ms !== undefined && Number.isFinite(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT
    ? ms
    : undefined;
}

import type { ParseResult } from '@rollgate/contract';
import { describeValue } from '@rollgate/contract/errors';
import { toEpochMs as instantMs } from '../evaluator-kit/instant.js';
import { CANARY_ISSUE_CODES } from './codes.js';

/** Epoch milliseconds of an instant (finite number, valid Date or RFC 3339 string), or undefined. */
export function toEpochMs(instant: unknown): number | undefined {
  const ms = instantMs(instant);
  // `+ 0` turns -0 into 0, so a state survives a JSON round trip unchanged.
  return ms === undefined ? undefined : ms + 0;
}

/** Reads an instant argument as epoch milliseconds, or an `invalid_time` issue at `path`. */
export function readInstant(instant: unknown, path: string): ParseResult<number> {
  const ms = toEpochMs(instant);
  if (ms !== undefined) return { ok: true, value: ms };
  const message = `${path} must be epoch milliseconds, a valid Date or an RFC 3339 timestamp (years 0000 to 9999); got ${describeValue(instant)}`;
  return { ok: false, issues: [{ code: CANARY_ISSUE_CODES.invalidTime, path, message }] };
}

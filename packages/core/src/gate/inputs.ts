// Small readers for the inputs that are not contract documents: the instant, the offset, the
// release id and environment asked for, and the scorecard and signals objects. Each returns the
// contract's result shape; read-input turns their issues into INPUT_INVALID reasons.
import type { ContractIssue, ParseResult } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { offsetMinutes } from '@rollgate/contract/time';
import type { z } from 'zod';
import { toEpochMs } from '../evaluator-kit/instant.js';
import { GATE_ISSUE_CODES } from './codes.js';
import { safeRead, schemaIssues } from './schema-read.js';

/** A field of a value that may not be an object. */
export const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

const refuse = (code: string, path: string, message: string): { ok: false; issues: ContractIssue[] } => ({
  ok: false,
  issues: [{ code, path, message }],
});

/** Reads `now`: epoch milliseconds, a valid Date or an RFC 3339 timestamp. */
export function readInstant(now: unknown): ParseResult<number> {
  const ms = toEpochMs(now);
  if (ms !== undefined) return { ok: true, value: ms };
  return refuse(
    GATE_ISSUE_CODES.invalidTime,
    'now',
    `${describeValue(now)} is not epoch milliseconds, a valid Date or an RFC 3339 timestamp between the years 0000 and 9999; times are judged against 1970-01-01T00:00:00Z`,
  );
}

/** Reads `offset` (default `Z`): the offset `decided_at` is written in. */
export function readOffset(offset: unknown): ParseResult<string> {
  if (offset === undefined) return { ok: true, value: 'Z' };
  if (typeof offset === 'string' && offsetMinutes(offset) !== undefined) return { ok: true, value: offset };
  return refuse(
    GATE_ISSUE_CODES.invalidOffset,
    'offset',
    `${describeValue(offset)} is not Z or ±hh:mm; decided_at is written in Z`,
  );
}

/** Reads an optional input that must be an object when given (the scorecard, the signals). */
export function readObject(value: unknown, path: string): ParseResult<unknown> {
  if (value === undefined || isRecord(value)) return { ok: true, value };
  return refuse(GATE_ISSUE_CODES.invalidInput, path, `must be an object; got ${describeValue(value)}`);
}

/** Reads an optional input with a contract schema (the release id as a `Name`, the environment as an `Environment`). */
export function readOptional<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: string,
): ParseResult<z.output<S> | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const read = safeRead(schema, value);
  return read.success
    ? { ok: true, value: read.data }
    : { ok: false, issues: schemaIssues(read.error, [path]) };
}

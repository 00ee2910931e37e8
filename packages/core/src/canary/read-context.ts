import { type ContractIssue, Environment, Name, type ParseResult } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { offsetMinutes } from '@rollgate/contract/time';
import type { z } from 'zod';
import { unknownKeyIssues } from '../evaluator-kit/unknown-keys.js';
import { CANARY_ISSUE_CODES } from './codes.js';
import type { CanaryContext } from './types.js';

// The context is not a document, but each field becomes a field of the contract's events, so each
// is read with the contract schema of that event field: a sound context always builds valid events.

const FIELDS: readonly [key: keyof CanaryContext, schema: z.ZodType, optional: boolean][] = [
  ['service', Name, false],
  ['environment', Environment, false],
  ['version', Name, false],
  ['correlationId', Name, false],
  ['taskId', Name, true],
];

// `satisfies` makes the compiler list every key of CanaryContext here, so a new one cannot be forgotten.
const CONTEXT_KEYS = Object.keys({
  service: true,
  environment: true,
  version: true,
  correlationId: true,
  taskId: true,
  offset: true,
} satisfies Record<keyof CanaryContext, true>);

/**
 * Reads the event context; events are only built from a sound one. An unknown key makes it unsound too: a
 * misspelt `tasId` would otherwise build events silently without their task id.
 */
export function readContext(context: unknown): ParseResult<CanaryContext> {
  const issues: ContractIssue[] = [];
  const bad = (path: string, message: string) =>
    issues.push({ code: CANARY_ISSUE_CODES.invalidContext, path, message });
  if (!isRecord(context)) {
    bad(
      'context',
      `context must be { service, environment, version, correlationId }; got ${describeValue(context)}`,
    );
    return { ok: false, issues };
  }
  issues.push(
    ...unknownKeyIssues(context, CONTEXT_KEYS, 'context', 'context', CANARY_ISSUE_CODES.invalidContext),
  );
  for (const [key, schema, optional] of FIELDS) {
    const value = context[key];
    if (optional && value === undefined) continue;
    const read = schema.safeParse(value);
    if (!read.success)
      bad(
        `context.${key}`,
        `${key}: ${read.error.issues[0]?.message ?? 'invalid'}; got ${describeValue(value)}`,
      );
  }
  const { offset } = context;
  if (offset !== undefined && (typeof offset !== 'string' || offsetMinutes(offset) === undefined))
    bad('context.offset', `offset must be Z or ±hh:mm such as +08:00; got ${describeValue(offset)}`);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: context as unknown as CanaryContext };
}

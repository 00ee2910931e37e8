// The evaluators' strict top level: an input key they do not know (`seres` for `series`) is reported as an issue
// naming it and the key it was probably meant to be, never skipped, since the evaluation would otherwise run on
// the default (no series, no state) the caller meant to replace. Issues, not throws: evaluators never throw.
import type { ContractIssue } from '@rollgate/contract';
import { nearestKey } from '@rollgate/contract/errors';
import { isRecord } from './is-record.js';

/**
 * One issue (`unrecognized_key` unless `code` says otherwise) per key of `value` not in `known`, none when `value`
 * is not an object. `where` names the input in the message (`evaluateRollback`, `context`); `path` is where
 * `value` sits in the input.
 */
export function unknownKeyIssues(
  value: unknown,
  known: readonly string[],
  where: string,
  path = '',
  code = 'unrecognized_key',
): ContractIssue[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const near = nearestKey(key, known);
      return {
        code,
        path: path === '' ? key : `${path}.${key}`,
        message: `${where}: unknown field "${key}"${near === undefined ? '' : `; did you mean "${near}"?`}`,
      };
    });
}

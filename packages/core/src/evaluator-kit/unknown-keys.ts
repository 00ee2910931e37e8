// The evaluators' strict top level: an input key they do not know (`seres` for `series`) is reported as an issue
// naming it and the key it was probably meant to be, never skipped, since the evaluation would otherwise run on
// the default (no series, no state) the caller meant to replace. Issues, not throws: evaluators never throw.
import type { ContractIssue } from '@rollgate/contract';
import { didYouMean, unknownKeys } from '@rollgate/contract/errors';

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
  return unknownKeys(value, known).map(({ key, near }) => ({
    code,
    path: path === '' ? key : `${path}.${key}`,
    message: `${where}: unknown field "${key}"${didYouMean(near)}`,
  }));
}

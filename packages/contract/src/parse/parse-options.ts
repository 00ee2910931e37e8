// parseContract's own options are checked like every rollgate options object: a misspelt `limts` would
// otherwise parse with the default 1 MiB bound the host meant to tighten. Returned as issues, not thrown,
// because parseContract never throws.
import { didYouMean, isRecord, unknownKeys } from '../errors/known-options.js';
import type { ContractIssue } from './issues.js';
import type { InputLimits } from './limits.js';
import type { ParseOptions } from './parse-contract.js';

// `satisfies` makes the compiler list every key of the types here, so a new option cannot be forgotten.
const PARSE_OPTION_KEYS = Object.keys({ limits: true, profile: true } satisfies Record<
  keyof ParseOptions,
  true
>);
const LIMIT_KEYS = Object.keys({
  maxBytes: true,
  maxDepth: true,
  maxNodes: true,
} satisfies Record<keyof InputLimits, true>);

/** The problems of parseContract's `options` (unknown keys, wrong types), each an issue naming the option. */
export function parseOptionIssues(options: unknown): ContractIssue[] {
  if (options === undefined) return [];
  if (!isRecord(options)) return [invalid('options', 'expected an object')];
  const issues = unknownOptionIssues(options, PARSE_OPTION_KEYS, '');
  if (options.profile !== undefined && options.profile !== 'observability') {
    issues.push(invalid('profile', 'expected "observability"'));
  }
  const { limits } = options;
  if (limits === undefined) return issues;
  if (!isRecord(limits)) return [...issues, invalid('limits', 'expected an object')];
  issues.push(...unknownOptionIssues(limits, LIMIT_KEYS, 'limits.'));
  for (const key of LIMIT_KEYS) {
    const value = limits[key];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
      issues.push(invalid(`limits.${key}`, 'expected a positive integer'));
    }
  }
  return issues;
}

function unknownOptionIssues(options: Record<string, unknown>, known: readonly string[], prefix: string) {
  return unknownKeys(options, known).map(
    ({ key, near }): ContractIssue => ({
      path: '',
      code: 'unrecognized_key', // one issue per key, as parse-schema.ts maps zod's unrecognized_keys
      message: `parseContract: unknown option "${prefix}${key}"${didYouMean(near, prefix)}`,
    }),
  );
}

function invalid(option: string, why: string): ContractIssue {
  return { path: '', code: 'invalid_type', message: `parseContract: option ${option} is invalid: ${why}` };
}

import type { z } from 'zod';
import {
  CONTRACT_KINDS,
  CONTRACT_SCHEMAS,
  type ContractKind,
  type ContractOf,
  isContractKind,
  OBSERVABILITY_SCHEMAS,
} from '../kinds.js';
import type { ParseResult } from './issues.js';
import { parseOptionIssues } from './parse-options.js';
import { type ParseOptions, parseWithSchema, unknownKind } from './parse-schema.js';

export type { ParseOptions } from './parse-schema.js';

/**
 * Validates a document of the given kind. Returns `{ ok: true, value }` or `{ ok: false, issues }`
 * with a path and message per issue; never throws, whatever the input.
 *
 * Versioning: a missing `schema_version` reads as 1.0.0; a newer 1.x minor is accepted with its
 * unknown fields kept; another major is refused with an issue naming both versions.
 */
export function parseContract<K extends ContractKind>(
  kind: K,
  input: unknown,
  options: ParseOptions = {},
): ParseResult<ContractOf<K>> {
  const optionIssues = parseOptionIssues(options);
  if (optionIssues.length > 0) return { ok: false, issues: optionIssues };
  if (!isContractKind(kind)) return unknownKind(kind, CONTRACT_KINDS);
  const schema = ((options.profile === 'observability' && OBSERVABILITY_SCHEMAS[kind]) ||
    CONTRACT_SCHEMAS[kind]) as z.ZodType;
  return parseWithSchema<ContractOf<K>>(schema, input, options);
}

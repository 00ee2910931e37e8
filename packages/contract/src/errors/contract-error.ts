import type { ContractIssue } from '../parse/issues.js';
import { formatTemplate, RollgateError } from './rollgate-error.js';

/** Every error the contract package throws (parsers return issues instead of throwing). */
export const CONTRACT_ERRORS = {
  ROLLGATE_ERR_INVALID_EVENT: { message: 'invalid %s event', statusCode: 500 },
  ROLLGATE_ERR_INVALID_DOCUMENT: { message: 'invalid %s document', statusCode: 500 },
  ROLLGATE_ERR_UNKNOWN_KIND: { message: 'unknown document kind %s', statusCode: 500 },
  ROLLGATE_ERR_NOT_JSON: { message: '%s is %s, which JSON cannot hold', statusCode: 500 },
  ROLLGATE_ERR_INVALID_OPTION: { message: 'option %s is invalid', statusCode: 500 },
} as const;

/** A stable error code of the contract package. */
export type ContractErrorCode = keyof typeof CONTRACT_ERRORS;

/** A `RollgateError` thrown by a builder, carrying the same issues `parseContract` returns. */
export class ContractError extends RollgateError<ContractErrorCode> {
  /** Every issue found, with paths. */
  readonly issues: ContractIssue[];

  constructor(code: ContractErrorCode, subject: string, issues: ContractIssue[] = []) {
    const entry = CONTRACT_ERRORS[code];
    const message = formatTemplate(entry.message, [subject]);
    const detail = issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ');
    super(code, detail ? `${message}: ${detail}` : message, entry.statusCode);
    this.name = 'ContractError';
    this.issues = issues;
  }
}

import type { ContractIssue } from './parse/issues.js';

/** Stable codes of errors the contract package throws (parsers return issues instead of throwing). */
export const CONTRACT_ERROR_CODES = {
  ROLLGATE_ERR_INVALID_EVENT: 'the fields given to createEvent do not form a valid event',
  ROLLGATE_ERR_INVALID_DOCUMENT: 'a document does not conform to its schema',
  ROLLGATE_ERR_UNKNOWN_KIND: 'no schema of that kind exists',
} as const;

/** A stable error code of the contract package. */
export type ContractErrorCode = keyof typeof CONTRACT_ERROR_CODES;

/** An error thrown by a builder, carrying the same issues `parseContract` returns. */
export class ContractError extends Error {
  /** Stable code to match on. */
  readonly code: ContractErrorCode;
  /** Every issue found, with paths. */
  readonly issues: ContractIssue[];

  constructor(code: ContractErrorCode, message: string, issues: ContractIssue[] = []) {
    const detail = issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ');
    super(detail ? `${message}: ${detail}` : message);
    this.name = 'ContractError';
    this.code = code;
    this.issues = issues;
  }
}

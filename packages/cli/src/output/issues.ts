import type { ContractIssue } from '@rollgate/contract';

/** One issue as the line every command prints: `file: path: message` (the path left out when it is the document). */
export function issueLine(file: string, issue: Pick<ContractIssue, 'path' | 'message'>): string {
  return issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`;
}

/** Issues as plain JSON objects with the file named, for `--json` output. */
export function issuesJson(
  file: string,
  issues: readonly ContractIssue[],
): { file: string; code: string; path: string; message: string }[] {
  return issues.map((i) => ({ file, code: i.code, path: i.path, message: i.message }));
}

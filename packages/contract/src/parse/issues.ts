/** One problem found in a document: where, and what was expected. */
export interface ContractIssue {
  /** Path in the document, e.g. `artifacts[0].hash`; empty for the document itself. */
  path: string;
  /** What was wrong and what was expected. */
  message: string;
  /** Stable machine code (zod's issue code, or a rollgate code such as `too_large`). */
  code: string;
  /** The file the document came from, when it was loaded from disk. */
  file?: string;
}

/** Result of parsing a document: the typed value, or every issue found. Never thrown. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ContractIssue[] };

/** Formats a path as `artifacts[0].hash` (identifier keys dotted, others quoted in brackets). */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

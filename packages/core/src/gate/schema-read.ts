// Reading parts of documents with the contract's own schemas. parseContract judges a whole
// document; these read one field or list entry with the schema of that field, for the inputs the
// gate takes besides documents (extra approvals and waivers) and for what is still usable in a
// document parseContract refused (a damaged approval must not hide the sound ones).
import { type ContractIssue, toContractIssues } from '@rollgate/contract';
import type { z } from 'zod';

/** The value when the schema accepts it, else undefined. */
export function readValid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const read = schema.safeParse(value);
  return read.success ? read.data : undefined;
}

/** The schema's issues as parseContract words them, each `{ code, path, message }` with its path under `at`. */
export function schemaIssues(error: z.ZodError, at: readonly PropertyKey[]): ContractIssue[] {
  return toContractIssues(error.issues, at);
}

/** `schema.safeParse` as parseContract runs it: each issue keeps its input, so "required" is told from "wrong". */
export function safeRead<S extends z.ZodType>(schema: S, value: unknown) {
  return schema.safeParse(value, { reportInput: true });
}

/** The entries of a list its schema accepts, and the issues of the others (which are left out). */
export interface ReadList<T> {
  /** The entries the schema accepts, in their order. */
  readonly items: T[];
  /** One issue per problem of the other entries, or of the list itself. */
  readonly issues: ContractIssue[];
}

/** Reads a list entry by entry with the contract's list schema, its paths under `at`. */
export function readEach<S extends z.ZodType>(
  list: z.ZodArray<S>,
  value: unknown,
  at: string,
): ReadList<z.output<S>> {
  if (!Array.isArray(value)) {
    const read = safeRead(list, value);
    return { items: [], issues: read.success ? [] : schemaIssues(read.error, [at]) };
  }
  const items: z.output<S>[] = [];
  const issues: ContractIssue[] = [];
  value.forEach((entry, i) => {
    const read = safeRead(list.element, entry);
    if (read.success) items.push(read.data);
    else issues.push(...schemaIssues(read.error, [at, i]));
  });
  return { items, issues };
}

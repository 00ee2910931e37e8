// The steps of parseContract once the schema is chosen: input bounds, `schema_version`, then the schema, with
// zod's issues turned into ContractIssues. Kept apart from the kind registry so `@rollgate/contract/lazy` can
// parse with one kind's schema without building every other one.
import type { z } from 'zod';
import { errorMessage } from '../errors/describe-value.js';
import { SCHEMA_VERSION } from '../primitives/schemas.js';
import { type ContractIssue, formatPath, type ParseResult } from './issues.js';
import { DEFAULT_LIMITS, type InputLimits, sanitize } from './limits.js';

/** Options of `parseContract`. */
export interface ParseOptions {
  /** Input bounds; defaults to 1 MiB, depth 64, 100,000 values. */
  limits?: Partial<InputLimits>;
  /** `observability` requires `+08:00` on telemetry timestamps. */
  profile?: 'observability';
}

const [OUR_MAJOR, OUR_MINOR] = SCHEMA_VERSION.split('.').map(Number) as [number, number, number];

/** The result for a kind name that is not one of `known`. */
export function unknownKind(kind: unknown, known: readonly string[]): ParseResult<never> {
  return {
    ok: false,
    issues: [
      {
        path: '',
        code: 'unknown_kind',
        message: `unknown document kind "${String(kind)}"; expected one of ${known.join(', ')}`,
      },
    ],
  };
}

/** Validates `input` against `schema` as parseContract does once the kind is known; never throws. */
export function parseWithSchema<T>(
  schema: z.ZodType,
  input: unknown,
  options: ParseOptions = {},
): ParseResult<T> {
  try {
    return parseUnsafe<T>(schema, input, options);
  } catch (error) {
    // A defect of ours must still come back as data, never as a crash in the host.
    const message = errorMessage(error);
    return { ok: false, issues: [{ path: '', code: 'internal', message: `could not validate: ${message}` }] };
  }
}

function parseUnsafe<T>(schema: z.ZodType, input: unknown, options: ParseOptions): ParseResult<T> {
  const clean = sanitize(input, { ...DEFAULT_LIMITS, ...options.limits });
  if (!clean.ok) return clean;
  const value = clean.value;

  const version = readVersion(value);
  if (version && version.major !== OUR_MAJOR) {
    return {
      ok: false,
      issues: [
        {
          path: 'schema_version',
          code: 'unsupported_version',
          message: `schema_version ${version.text} is not supported: this reader understands ${OUR_MAJOR}.x (up to ${SCHEMA_VERSION})`,
        },
      ],
    };
  }
  const newerMinor = version !== undefined && version.minor > OUR_MINOR;

  // reportInput keeps each issue's input, so a wrong value is told apart from a missing one.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data as T };

  const issues = toIssues(result.error.issues, newerMinor);
  // A newer minor may add fields we do not know: they are kept, and the document is otherwise
  // valid exactly when the only complaints were those fields (our schemas have no transforms).
  if (issues.length === 0) return { ok: true, value: value as T };
  return { ok: false, issues };
}

function readVersion(value: unknown): { text: string; major: number; minor: number } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const text = (value as Record<string, unknown>).schema_version;
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!m) return undefined;
  return { text, major: Number(m[1]), minor: Number(m[2]) };
}

/**
 * zod's issues worded as `parseContract` words them, each path under `at`: for a reader that checks one
 * field or list entry with the contract's schema of that field (run it with `{ reportInput: true }`, so a
 * missing value is told apart from a wrong one).
 */
export function toContractIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  at: readonly PropertyKey[] = [],
): ContractIssue[] {
  const placed =
    at.length === 0 ? zodIssues : zodIssues.map((issue) => ({ ...issue, path: [...at, ...issue.path] }));
  return toIssues(placed, false);
}

function toIssues(zodIssues: readonly z.core.$ZodIssue[], skipUnknownKeys: boolean): ContractIssue[] {
  const out: ContractIssue[] = [];
  for (const issue of zodIssues) {
    if (issue.code === 'unrecognized_keys') {
      if (skipUnknownKeys) continue;
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...issue.path, key]),
          code: 'unrecognized_key',
          message: `unknown field "${key}" (not part of schema ${SCHEMA_VERSION}; check its spelling)`,
        });
      }
      continue;
    }
    out.push({ path: formatPath(issue.path), code: issue.code, message: describeIssue(issue) });
  }
  // zod still runs length checks on a value of the wrong type (an array given for a string gets
  // "expected array to have >=1 items"); once the type is wrong, only the type issue is meaningful.
  const wrongType = new Set(out.filter((i) => i.code === 'invalid_type').map((i) => i.path));
  return out.filter((i) => i.code === 'invalid_type' || !wrongType.has(i.path));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return `required: expected ${issue.expected}`;
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return `${issue.message}: unknown or missing discriminator`;
  }
  // zod's own text for these is "Invalid input" / "Invalid key in record"; say what was expected instead.
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const forms = [...new Set(issue.errors.map((branch) => branch[0]?.message).filter(Boolean))];
    if (forms.length > 0) return `matches none of the allowed forms: ${forms.join('; or ')}`;
  }
  if (issue.code === 'invalid_key' && issue.issues[0]) return `invalid key: ${issue.issues[0].message}`;
  return issue.message;
}

// What an analysis request says: the variables that fill `{{name}}`, from the JSON body (Argo Rollouts' web
// provider `jsonBody`), the query string (its GET form), or a Flagger webhook payload. Bad input is issues.
import type { ContractIssue } from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { ANALYSIS_ISSUE_CODES } from '../analysis/codes.js';

/** Variables read from a request, or why they cannot be. */
export type RequestVariables =
  | { ok: true; value: Record<string, string> }
  | { ok: false; issues: ContractIssue[] };

const MAX_VARIABLES = 64;
const invalid = (path: string, message: string): ContractIssue => ({
  code: ANALYSIS_ISSUE_CODES.REQUEST_INVALID,
  path,
  message,
});

/** Reads a flat `{ name: "value" }` object (numbers and booleans are written as text); nested values are issues. */
export function variablesFromObject(value: unknown, where: string): RequestVariables {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (!isRecord(value))
    return { ok: false, issues: [invalid(where, 'expected an object of variable values')] };
  const keys = Object.keys(value);
  if (keys.length > MAX_VARIABLES)
    return {
      ok: false,
      issues: [invalid(where, `expected at most ${MAX_VARIABLES} variables, got ${keys.length}`)],
    };
  const out: Record<string, string> = {};
  const issues: ContractIssue[] = [];
  for (const key of keys) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else issues.push(invalid(where ? `${where}.${key}` : key, 'expected a string, number or boolean'));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/** Reads query parameters as variables; a repeated name is an issue (which value would it be?). */
export function variablesFromQuery(params: URLSearchParams): RequestVariables {
  const out: Record<string, string> = {};
  const issues: ContractIssue[] = [];
  let count = 0;
  for (const [key, value] of params) {
    if (++count > MAX_VARIABLES)
      return { ok: false, issues: [invalid('query', `expected at most ${MAX_VARIABLES} parameters`)] };
    if (Object.hasOwn(out, key)) issues.push(invalid(`query.${key}`, 'given more than once'));
    out[key] = value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/**
 * A Flagger webhook payload `{ name, namespace, phase, checksum, metadata }`: `name` and `namespace` fill
 * `{{name}}` and `{{namespace}}`, and every metadata entry (the webhook's `metadata:` in the Canary) fills the
 * variable of its key, winning over the two.
 */
export function variablesFromFlagger(body: unknown): RequestVariables {
  if (!isRecord(body))
    return { ok: false, issues: [invalid('', 'expected a Flagger webhook payload (a JSON object)')] };
  const issues: ContractIssue[] = [];
  const out: Record<string, string> = {};
  for (const key of ['name', 'namespace'] as const) {
    const v = body[key];
    if (typeof v === 'string') out[key] = v;
    else issues.push(invalid(key, `expected the canary's ${key} as a string`));
  }
  const metadata = variablesFromObject(body.metadata, 'metadata');
  if (!metadata.ok) issues.push(...metadata.issues);
  else Object.assign(out, metadata.value);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

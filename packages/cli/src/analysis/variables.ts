// Filling `{{name}}` placeholders: values come from the request (or --var), else the declared default. A value
// is pasted into PromQL, so it must match the contract's QUERY_VARIABLE_VALUE_PATTERN: no quote, brace,
// backslash or space can end a label matcher and smuggle in a query of its own.
import {
  type ContractIssue,
  formatPath,
  QUERY_VARIABLE_VALUE_PATTERN,
  queryPlaceholders,
} from '@rollgate/contract';
import { ANALYSIS_ISSUE_CODES } from './codes.js';
import type { PreparedAnalysis } from './plan.js';

const SAFE_VALUE = new RegExp(QUERY_VARIABLE_VALUE_PATTERN);
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;

/** The value of every variable the planned queries use, or the issues that keep them from running. */
export function resolveVariables(
  prepared: PreparedAnalysis,
  supplied: Readonly<Record<string, string>>,
): { ok: true; value: Record<string, string> } | { ok: false; issues: ContractIssue[] } {
  const declared = prepared.queries.variables ?? {};
  const values: Record<string, string> = {};
  const issues: ContractIssue[] = [];
  for (const name of prepared.variables) {
    const given = Object.hasOwn(supplied, name) ? supplied[name] : undefined;
    const value = given ?? declared[name]?.default;
    const path = formatPath(['vars', name]);
    if (value === undefined) {
      const users = prepared.metrics
        .filter((m) => queryPlaceholders(`${m.canary}\n${m.baseline ?? ''}`).names.includes(name))
        .map((m) => m.metric);
      issues.push({
        code: ANALYSIS_ISSUE_CODES.VARIABLE_MISSING,
        path,
        message: `the queries of ${users.join(', ')} use {{${name}}}: give it a value (--var ${name}=…, the analysis request's ${name}, or a Flagger webhook's metadata.${name}) or declare a default`,
      });
    } else if (typeof value !== 'string' || !SAFE_VALUE.test(value)) {
      issues.push({
        code: ANALYSIS_ISSUE_CODES.VARIABLE_INVALID,
        path,
        message: `${JSON.stringify(String(value)).slice(0, 80)} cannot be pasted into PromQL: expected 1-253 letters, digits or . _ : / @ + -`,
      });
    } else {
      values[name] = value;
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: values };
}

/** Replaces every `{{name}}` of `query` with its value (the names were checked by the contract and resolveVariables). */
export function fillQuery(query: string, values: Readonly<Record<string, string>>): string {
  return query.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

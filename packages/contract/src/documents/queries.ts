import { z } from 'zod';
import { Name, SchemaVersion, Text } from '../primitives/schemas.js';
import { MetricName } from './rules.js';

/** A query variable's name: what `{{name}}` in a query refers to (`service`, `canary-hash`). */
export const QUERY_VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]{0,63}$';

/**
 * A query variable's value. Values are pasted into PromQL, so they are limited to characters that cannot end
 * a string literal or a label matcher (no quotes, braces, backslashes or spaces): names, namespaces, hashes,
 * versions.
 */
export const QUERY_VARIABLE_VALUE_PATTERN = '^[A-Za-z0-9_.:/@+-]{1,253}$';

// `{{ name }}` with optional inner spaces; anything else between `{{` and `}}` is a malformed placeholder.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const VARIABLE_NAME = new RegExp(QUERY_VARIABLE_NAME_PATTERN);

/** The `{{name}}` placeholders of one query: the names it uses and the placeholders that name nothing valid. */
export interface QueryPlaceholders {
  /** Variable names used, in order of first use, each once. */
  names: string[];
  /** Placeholders whose inside is not a variable name (`{{ }}`, `{{a b}}`), as written. */
  malformed: string[];
}

/** Lists the `{{name}}` placeholders of a query (the one reading of placeholders every tool shares). */
export function queryPlaceholders(query: string): QueryPlaceholders {
  const names: string[] = [];
  const malformed: string[] = [];
  for (const match of query.matchAll(PLACEHOLDER)) {
    const name = match[1]!.trim();
    if (!VARIABLE_NAME.test(name)) malformed.push(match[0]);
    else if (!names.includes(name)) names.push(name);
  }
  return { names, malformed };
}

/** A query variable's value (see {@link QUERY_VARIABLE_VALUE_PATTERN}). */
export const QueryVariableValue = z
  .string()
  .regex(
    new RegExp(QUERY_VARIABLE_VALUE_PATTERN),
    'expected 1-253 letters, digits or . _ : / @ + - (no quotes, braces or spaces: values are pasted into PromQL)',
  );

/** A declared query variable: what it means and, optionally, the value used when a request gives none. */
export const QueryVariable = z.strictObject({
  description: Text.optional(),
  default: QueryVariableValue.optional(),
});
/** A declared query variable. */
export type QueryVariable = z.infer<typeof QueryVariable>;

/** PromQL text with `{{name}}` placeholders. */
export const PromQuery = z.string().max(10_000).regex(/\S/, 'expected a PromQL query');

/**
 * The PromQL of one metric: `canary` always, `baseline` for the metrics that `baseline_ratio` and
 * `mann_whitney` rules read. Each query must return one series (aggregate with `sum(…)` or similar).
 */
export const MetricQuery = z.strictObject({
  description: Text.optional(),
  canary: PromQuery,
  baseline: PromQuery.optional(),
});
/** The PromQL of one metric. */
export type MetricQuery = z.infer<typeof MetricQuery>;

/**
 * Where a rule set's metrics come from: for each metric name a rule uses, the PromQL that reads it from
 * Prometheus, with `{{name}}` placeholders for the variables declared in `variables` (filled per request from
 * `--var`, an Argo Rollouts analysis request or a Flagger webhook). A query may only use declared variables.
 */
export const MetricQueries = z
  .strictObject({
    schema_version: SchemaVersion.optional(),
    name: Name.optional(),
    variables: z
      .record(
        z.string().regex(VARIABLE_NAME, 'expected a variable name such as service or canary-hash'),
        QueryVariable,
      )
      .optional(),
    queries: z
      .record(MetricName, MetricQuery)
      .refine((queries) => Object.keys(queries).length > 0, 'expected at least one metric query'),
  })
  .superRefine((doc, ctx) => {
    const declared = doc.variables ?? {};
    for (const [metric, query] of Object.entries(doc.queries)) {
      for (const side of ['canary', 'baseline'] as const) {
        const text = query[side];
        if (text === undefined) continue;
        const { names, malformed } = queryPlaceholders(text);
        for (const bad of malformed)
          ctx.addIssue({
            code: 'custom',
            path: ['queries', metric, side],
            input: text,
            message: `placeholder ${bad} does not name a variable; write {{name}}`,
          });
        for (const name of names)
          if (!Object.hasOwn(declared, name))
            ctx.addIssue({
              code: 'custom',
              path: ['queries', metric, side],
              input: text,
              message: `uses {{${name}}}, which variables does not declare`,
            });
      }
    }
  });
/** Where a rule set's metrics come from. */
export type MetricQueries = z.infer<typeof MetricQueries>;

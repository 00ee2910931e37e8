// autocannon's programmatic API, for tests that drive a route while something else happens. autocannon is a
// devDependency of @rollgate/adapters (tests/ has no node_modules), so it is resolved from there, the way
// packages/adapters/tests/apps/servers.ts loads its `express4` alias. It ships no types: the part used is typed here.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What one autocannon run reports (the fields the tests read). */
export interface LoadResult {
  /** Connection errors, timeouts included. */
  readonly errors: number;
  /** Requests that got no answer within autocannon's timeout. */
  readonly timeouts: number;
  /** Answers outside 2xx. */
  readonly non2xx: number;
  /** Answers per status code. */
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  /** Requests sent. */
  readonly requests: { readonly total: number };
}

/** The options the tests pass (autocannon takes many more). */
export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
  /** Requests per second across all connections. */
  readonly overallRate: number;
  /** Seconds autocannon waits for an answer before counting a timeout. */
  readonly timeout: number;
}

const adapters = fileURLToPath(new URL('../../packages/adapters/package.json', import.meta.url));
const autocannon = createRequire(adapters)('autocannon') as (options: LoadOptions) => PromiseLike<LoadResult>;

/** Runs autocannon against one URL until `duration` has passed. */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  return await autocannon(options);
}

/** Status codes seen, as `{ "200": n, "503": m }`. */
export function statusCounts(result: LoadResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
}

import { type RollgateAdapterOptions, readyzFor } from '../shared/readyz.js';

/** Options of `rollgateFetch()`: the health plus any `createReadyz()` option (prefix, paths, details, metrics, …). */
export type RollgateFetchOptions = RollgateAdapterOptions;

/** A fetch-style handler: web `Request` in, web `Response` out; never rejects. */
export type RollgateFetchHandler = ((request: Request) => Promise<Response>) & {
  /** True when the request's path is one of readyz's routes (route everything else elsewhere). */
  matches(request: Request): boolean;
};

/**
 * A handler for fetch-style runtimes (Bun.serve, Deno.serve, Hono, Cloudflare-style workers): readyz's
 * `fetch()`. Paths readyz does not serve answer 404 JSON; check `handler.matches(request)` first to
 * pass them on instead. An unknown option key is refused (`ROLLGATE_ERR_UNKNOWN_OPTION`).
 *
 * @example
 * const readyz = rollgateFetch({ health });
 * Bun.serve({ fetch: (req) => (readyz.matches(req) ? readyz(req) : app.fetch(req)) });
 */
export function rollgateFetch(options: RollgateFetchOptions): RollgateFetchHandler {
  const readyz = readyzFor('rollgateFetch', options);
  const handler = (request: Request) => readyz.fetch(request);
  return Object.assign(handler, {
    matches(request: Request): boolean {
      try {
        return readyz.matches(new URL(request.url).pathname);
      } catch {
        return false;
      }
    },
  });
}

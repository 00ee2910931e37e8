// '@rollgate/adapters/fetch': readyz for fetch-style runtimes (Bun.serve, Deno.serve, Hono, workers).
export { type RollgateFetchHandler, type RollgateFetchOptions, rollgateFetch } from './fetch/handler.js';
export type { RollgateAdapterOptions } from './shared/readyz.js';

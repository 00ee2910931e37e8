// '@rollgate/adapters/fastify': readyz as a Fastify plugin (Fastify 4 and 5). Loads no framework
// and no other package, so importing it never pulls in Express.
export { type RollgateFastifyOptions, rollgateFastify } from './fastify/plugin.js';
export type { RollgateAdapterOptions } from './shared/readyz.js';

// @rollgate/adapters: the framework-free parts in one import. The Fastify plugin and the Express
// router have their own subpaths ('@rollgate/adapters/fastify', '@rollgate/adapters/express') so
// that this entry never references either framework, not even in its types.
export { ADAPTER_ERRORS, type AdapterErrorCode } from './errors.js';
export * from './fetch.js';
export * from './node.js';
export * from './probes.js';
export * from './shutdown.js';

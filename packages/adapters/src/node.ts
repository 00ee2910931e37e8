// '@rollgate/adapters/node': readyz for plain node:http servers, and for fetch-style runtimes.
export { type RollgateFetchHandler, rollgateFetch } from './node/fetch.js';
export {
  createNodeHandler,
  type RollgateNodeHandler,
  type RollgateNodeOptions,
  rollgateNode,
} from './node/handler.js';
export type { RollgateAdapterOptions } from './shared/readyz.js';

// '@rollgate/adapters/node': readyz for plain node:http servers. Fetch-style runtimes have their own
// subpath, '@rollgate/adapters/fetch'.
export {
  createNodeHandler,
  type RollgateNodeHandler,
  type RollgateNodeOptions,
  rollgateNode,
} from './node/handler.js';
export type { RollgateAdapterOptions } from './shared/readyz.js';

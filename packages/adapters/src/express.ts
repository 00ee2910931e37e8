// '@rollgate/adapters/express': readyz as an Express router (Express 4 and 5). Loads no framework.
export {
  type RollgateExpressOptions,
  type RollgateExpressRouter,
  rollgateExpress,
} from './express/router.js';
export type { RollgateAdapterOptions } from './shared/readyz.js';

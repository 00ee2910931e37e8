// '@rollgate/adapters/shutdown': drain, stop accepting, finish in-flight requests, exit.
export { type DrainableHealth, installShutdown } from './shutdown/install.js';
export {
  DEFAULT_DRAIN_DELAY_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShutdownEmitter,
  type ShutdownHook,
  type ShutdownLogger,
  type ShutdownOptions,
} from './shutdown/options.js';
export type { FastifyLike, ShutdownTarget } from './shutdown/server.js';

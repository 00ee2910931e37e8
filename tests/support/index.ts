// The real-server harness shared by the integration, smoke and example tests. It uses nothing but
// node built-ins, so any test in the workspace can import it.
export { INSTALL_COMMAND, POSTGRES_BIN_DIR, requireBinary } from './binaries.js';
export { type ExampleService, startExample } from './example-service.js';
export { type HttpAnswer, http } from './http.js';
export { type LoadRecorder, writeLoadRecorder } from './load-recorder.js';
export { freePort } from './ports.js';
export { type PostgresServer, startPostgres } from './postgres-server.js';
export {
  descendants,
  pauseTree,
  resumeTree,
  signal,
  spawnTracked,
  trackDir,
  waitForExit,
  waitUntil,
} from './processes.js';
export { type PrometheusServer, type PrometheusServerOptions, startPrometheus } from './prometheus-server.js';
export {
  type RawExchange,
  type RawPlan,
  type RawResponse,
  rawExchange,
} from './raw-socket.js';
export { pingRedis, type RedisServer, startRedis } from './redis-server.js';

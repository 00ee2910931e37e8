// orders-api on Fastify: `pnpm --filter @rollgate/example-fastify-service start`.
import { installShutdown } from '@rollgate/adapters/shutdown';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { createDependencies } from './dependencies.js';

const result = readConfig(process.env);
if (!result.ok) {
  console.error(`orders-api: bad configuration\n  ${result.problems.join('\n  ')}`);
  process.exit(1);
}
const { config } = result;
const dependencies = createDependencies(config);
const app = await buildApp(dependencies);

// SIGTERM/SIGINT: readiness 503 at once, keep serving for drainDelayMs, then stop accepting, finish
// in-flight requests, close the clients and exit (forced after shutdownTimeoutMs).
installShutdown(app, dependencies.health, {
  drainDelayMs: config.drainDelayMs,
  timeoutMs: config.shutdownTimeoutMs,
  logger: {
    info: (fields, message) => app.log.info(fields, message),
    error: (fields, message) => app.log.error(fields, message),
  },
  onShutdown: [() => dependencies.pool.end(), () => dependencies.redis.quit()],
});

await app.listen({ port: config.port, host: config.host });
// Nothing to warm up: /health/startup turns 200 once the server listens.
dependencies.health.markStarted();

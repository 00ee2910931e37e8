// orders-api on Express: `pnpm --filter @rollgate/example-express-service start`.
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
const app = buildApp(dependencies);

const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
  console.log(
    JSON.stringify({
      level,
      message,
      ...fields,
      ...('error' in fields ? { error: String(fields.error) } : {}),
    }),
  );

const server = app.listen(config.port, config.host, () => {
  log('info')({ port: config.port }, 'orders-api listening');
  // Nothing to warm up: /health/startup turns 200 once the server listens.
  dependencies.health.markStarted();
});

// SIGTERM/SIGINT: readiness 503 at once, keep serving for drainDelayMs, then stop accepting, finish
// in-flight requests, close the clients and exit (forced after shutdownTimeoutMs).
installShutdown(server, dependencies.health, {
  drainDelayMs: config.drainDelayMs,
  timeoutMs: config.shutdownTimeoutMs,
  logger: { info: log('info'), error: log('error') },
  onShutdown: [() => dependencies.pool.end(), () => dependencies.redis.quit()],
});

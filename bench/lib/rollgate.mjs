import http from 'node:http';

// The rollgate side of the behaviour measurements: one health with the given probes, mounted on real servers
// through the built adapters, configured as the package READMEs show.

/** Creates a rollgate health (probeTimeoutMs 2000, the default) with the given probes registered. */
export async function createBenchHealth(probes, options = {}) {
  const { createHealth } = await import('@rollgate/core');
  const health = createHealth({ service: 'orders-api', version: '1.0.0', probeTimeoutMs: 2000, ...options });
  for (const probe of probes) health.register(probe);
  return health;
}

/** node:http server answering health paths through '@rollgate/adapters/node' and 404 elsewhere. */
export async function rollgateNodeServer(health) {
  const { rollgateNode } = await import('@rollgate/adapters/node');
  const handler = rollgateNode({ health });
  const server = http.createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  return server;
}

/** Express app with '@rollgate/adapters/express' mounted and an ordinary /orders route. */
export async function rollgateExpressApp(health) {
  const { default: express } = await import('express');
  const { rollgateExpress } = await import('@rollgate/adapters/express');
  const app = express();
  app.use(rollgateExpress({ health }));
  app.get('/orders', (_req, res) => res.json({ orders: [] }));
  return app;
}

/** The Fastify plugin, for `app.register(rollgateFastify, { health })`. */
export async function rollgateFastifyPlugin() {
  const { rollgateFastify } = await import('@rollgate/adapters/fastify');
  return rollgateFastify;
}

import http from 'node:http';

// One readiness endpoint per library, each configured the way its README shows, all running the same counted
// probes from probes.mjs. Every factory takes (probes, config) and resolves to { url, close() }; peers load lazily
// so a child process only pays for the library it serves. `config.rollgate` holds createHealth() options
// (cacheTtlMs 1000 unless given); `config.refreshMs` is how often lightship's host re-runs the checks (1000).

const JSON_OK = '{"status":"ok"}';

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Listens on a free loopback port; `close()` closes the server, then the rollgate health if one is given. */
async function serve(server, health) {
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/readyz`,
    close: async () => {
      await closeNodeServer(server);
      await health?.close();
    },
  };
}

function closeNodeServer(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

async function rollgateHealth(counted, config = {}) {
  const { createHealth } = await import('@rollgate/core');
  const health = createHealth({ service: 'bench', version: '1.0.0', cacheTtlMs: 1000, ...config.rollgate });
  for (const probe of counted.probes) health.register({ name: probe.name, check: probe.check });
  return health;
}

/** Starts each server kind with the counted probes; keys are the kinds readyz-throughput.mjs lists. */
export const SERVERS = {
  /**
   * node:http answering a constant JSON body: the floor for the node:http rows. With its Content-Length, as a
   * constant answer is best written: without one, writeHead() sends the head first and the body goes out chunked,
   * a slower floor than the one rollgate's handler is measured against.
   */
  async 'node-baseline'() {
    const body = Buffer.from(JSON_OK);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(body.length),
    };
    const server = http.createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    return serve(server);
  },

  /** Fastify answering a constant JSON body: the floor for the Fastify rows. */
  async 'fastify-baseline'() {
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ logger: false });
    app.get('/readyz', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `http://127.0.0.1:${app.server.address().port}/readyz`, close: () => app.close() };
  },

  /**
   * A hand-written Express `/readyz` route as users write it: runs the checks on every request, answers JSON.
   * The floor for the Express rows (no-store as the other baselines send).
   */
  async 'express-baseline'(counted) {
    const { default: express } = await import('express');
    const app = express();
    app.get('/readyz', async (_req, res) => {
      await counted.runAll();
      res.set('cache-control', 'no-store');
      res.json({ status: 'ok' });
    });
    const server = http.createServer(app);
    return serve(server);
  },

  /** rollgate's node:http handler from '@rollgate/adapters/node'. */
  async 'rollgate-node'(counted, config) {
    const { rollgateNode } = await import('@rollgate/adapters/node');
    const health = await rollgateHealth(counted, config);
    const handler = rollgateNode({ health });
    const server = http.createServer((req, res) => {
      if (!handler(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    return serve(server, health);
  },

  /** rollgate's Fastify plugin from '@rollgate/adapters/fastify'. */
  async 'rollgate-fastify'(counted, config) {
    const { default: Fastify } = await import('fastify');
    const { rollgateFastify } = await import('@rollgate/adapters/fastify');
    const health = await rollgateHealth(counted, config);
    const app = Fastify({ logger: false });
    await app.register(rollgateFastify, { health });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: `http://127.0.0.1:${app.server.address().port}/readyz`,
      close: async () => {
        await app.close();
        await health.close();
      },
    };
  },

  /** rollgate's Express router from '@rollgate/adapters/express', mounted with app.use(). */
  async 'rollgate-express'(counted, config) {
    const { default: express } = await import('express');
    const { rollgateExpress } = await import('@rollgate/adapters/express');
    const health = await rollgateHealth(counted, config);
    const app = express();
    app.use(rollgateExpress({ health }));
    const server = http.createServer(app);
    return serve(server, health);
  },

  /** @fastify/under-pressure's status route with a healthCheck (README: "Custom health checks"). */
  async 'under-pressure'(counted) {
    const { default: Fastify } = await import('fastify');
    const { default: underPressure } = await import('@fastify/under-pressure');
    const app = Fastify({ logger: false });
    await app.register(underPressure, {
      exposeStatusRoute: '/readyz',
      healthCheck: async () => {
        await counted.runAll();
        return true;
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `http://127.0.0.1:${app.server.address().port}/readyz`, close: () => app.close() };
  },

  /** @godaddy/terminus on node:http with an equivalent healthCheck (README "Usage"). */
  async terminus(counted) {
    const { createTerminus } = await import('@godaddy/terminus');
    const server = http.createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    createTerminus(server, {
      healthChecks: { '/readyz': () => counted.runAll() },
      signals: [],
      signal: 'SIGUSR2',
    });
    return serve(server);
  },

  /**
   * lightship's own server. Lightship has no dependency checks: /ready answers a flag the host flips with
   * signalReady()/signalNotReady(). The host here runs the three probes once a second and flips the flag,
   * which is the pattern its README describes. Its /ready is served by a Fastify instance of its own.
   */
  async lightship(counted, config) {
    const { createLightship } = await import('lightship');
    const lightship = await createLightship({ detectKubernetes: true, signals: [], terminate: () => {} });
    const refresh = async () => {
      try {
        await counted.runAll();
        lightship.signalReady();
      } catch {
        lightship.signalNotReady();
      }
    };
    await refresh();
    const timer = setInterval(refresh, config?.refreshMs ?? 1000);
    return {
      url: `http://127.0.0.1:${lightship.server.address().port}/ready`,
      close: async () => {
        clearInterval(timer);
        await new Promise((resolve) => lightship.server.close(() => resolve()));
      },
    };
  },
};

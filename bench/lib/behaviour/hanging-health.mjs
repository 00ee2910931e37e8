// (c) A dependency hangs while the service runs: how long does the health endpoint take to answer?
import http from 'node:http';
import { createBenchHealth, rollgateExpressApp, rollgateNodeServer } from '../rollgate.mjs';
import { closeNode, listenNode, never } from '../servers-util.mjs';
import { snippet, timedGet } from '../timed-get.mjs';

const SCENARIO = '(c) dependency hangs: time to first byte of GET /readyz';
const CAP_MS = 15_000;

function describe(r) {
  if (!r.answered) return `no answer within ${CAP_MS / 1000} s (request abandoned by the client)`;
  return `${r.status} after ${Math.round(r.ms)} ms, ${r.headers['content-type']}, ${snippet(r.body, 110)}`;
}

async function measureOn(server, path = '/readyz') {
  const base = await listenNode(server);
  try {
    return await timedGet(`${base}${path}`, CAP_MS);
  } finally {
    await closeNode(server);
  }
}

/** One row of this scenario. */
export async function terminus() {
  const { createTerminus } = await import('@godaddy/terminus');
  const server = http.createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  createTerminus(server, { healthChecks: { '/readyz': () => never() }, signals: [], signal: 'SIGUSR2' });
  return {
    scenario: SCENARIO,
    library: '@godaddy/terminus 4 on node:http',
    setup: 'healthCheck awaits a ping that never settles',
    observed: describe(await measureOn(server)),
  };
}

/** One row of this scenario. */
export async function handWrittenExpress() {
  const { default: express } = await import('express');
  const db = { ping: () => never() };
  const app = express();
  app.get('/readyz', async (_req, res) => {
    await db.ping();
    res.json({ status: 'ok' });
  });
  return {
    scenario: SCENARIO,
    library: 'hand-written Express 5 route',
    setup: '`await db.ping()` never settles',
    observed: describe(await measureOn(http.createServer(app))),
  };
}

/** One row of this scenario. */
export async function rollgateNode() {
  const health = await createBenchHealth([{ name: 'Postgres', check: () => never() }]);
  try {
    const r = await measureOn(await rollgateNodeServer(health));
    return {
      scenario: SCENARIO,
      library: 'rollgate `@rollgate/adapters/node`',
      setup: 'Postgres probe never settles, `probeTimeoutMs` 2000',
      observed: describe(r),
    };
  } finally {
    await health.close();
  }
}

/** One row of this scenario. */
export async function rollgateExpress() {
  const health = await createBenchHealth([{ name: 'Postgres', check: () => never() }]);
  try {
    const r = await measureOn(http.createServer(await rollgateExpressApp(health)));
    return {
      scenario: SCENARIO,
      library: 'rollgate `@rollgate/adapters/express`',
      setup: 'Postgres probe never settles, `probeTimeoutMs` 2000',
      observed: describe(r),
    };
  } finally {
    await health.close();
  }
}

/** Runs scenario (c) and returns its table rows. The four servers are measured at the same time. */
export async function hangingHealth() {
  return Promise.all([terminus(), handWrittenExpress(), rollgateNode(), rollgateExpress()]);
}

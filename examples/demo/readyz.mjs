// Section 5 of the demo: a real node:http server with /readyz on embedded, in-memory dependencies, /version, and a
// failure drill started and ended over the admin route.
import { createServer } from 'node:http';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a server, asks it what Kubernetes would ask, breaks a dependency, and asks again. */
export async function runReadyz(print) {
  const health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
    // What /version serves; without it, createHealth reads GIT_SHA, GIT_REF, BUILD_TIME and IMAGE (or their
    // CI spellings) from the environment once.
    build: {
      git_sha: '3c0d43ec39b5bdf1',
      git_ref: 'refs/tags/v1.4.0',
      artifact_registry: 'ghcr.io/acme/orders-api',
      timestamp: '2025-10-02T12:00:00Z',
    },
  });
  let redisHangs = false;
  health.register({ name: 'Postgres', check: async () => sleep(5) });
  health.register({
    name: 'Redis',
    // A hung dependency: never answers and ignores the signal; rollgate answers at the probe timeout anyway.
    check: () => (redisHangs ? new Promise(() => {}) : sleep(2)),
  });
  health.register({
    name: 'FeatureStore',
    critical: false,
    check: () => {
      throw new Error('GET https://flags:t0ken@features.internal/v1 failed: 502');
    },
  });
  // The drill admin route: off unless configured; a bearer token, and loopback peers only.
  const token = 'demo-drill-token-0123456789';
  const readyz = createReadyz(health, { admin: { token } });
  const server = createServer(async (req, res) => {
    const answer = await readyz.handle({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const ask = async (path, method = 'GET') => {
    const started = performance.now();
    const headers = method === 'GET' ? {} : { authorization: `Bearer ${token}` };
    const response = await fetch(base + path, { method, headers });
    const ms = Math.round(performance.now() - started);
    const text = await response.text();
    print(
      `  ${method.padEnd(6)} ${path.padEnd(22)} ${response.status} in ${String(ms).padStart(3)} ms  ${text}`,
    );
    return response.status;
  };
  const statuses = [];
  try {
    statuses.push(await ask('/version'));
    statuses.push(await ask('/livez'));
    statuses.push(await ask('/readyz'));
    statuses.push(await ask('/readyz/Postgres'));
    print('  (a failure drill on Postgres for 60 s: marked simulated, so it is never taken for an outage)');
    statuses.push(await ask('/readyz/admin/drills/Postgres?mode=fail&forMs=60000', 'POST'));
    statuses.push(await ask('/readyz'));
    statuses.push(await ask('/readyz/admin/drills/Postgres', 'DELETE'));
    statuses.push(await ask('/readyz'));
    redisHangs = true;
    print('  (Redis now hangs and ignores its AbortSignal)');
    statuses.push(await ask('/readyz'));
    statuses.push(await ask('/livez'));
    health.beginDrain();
    print('  (SIGTERM: draining)');
    statuses.push(await ask('/readyz'));
  } finally {
    await health.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return statuses;
}

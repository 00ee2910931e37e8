// Section 5 of the demo: a real node:http server with /readyz on embedded, in-memory dependencies.
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
  const readyz = createReadyz(health);
  const server = createServer(async (req, res) => {
    const answer = await readyz.handle({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const ask = async (path) => {
    const started = performance.now();
    const response = await fetch(base + path);
    const ms = Math.round(performance.now() - started);
    print(
      `  GET ${path.padEnd(22)} ${response.status} in ${String(ms).padStart(3)} ms  ${await response.text()}`,
    );
    return response.status;
  };
  const statuses = [];
  try {
    statuses.push(await ask('/livez'));
    statuses.push(await ask('/readyz'));
    statuses.push(await ask('/readyz/Postgres'));
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

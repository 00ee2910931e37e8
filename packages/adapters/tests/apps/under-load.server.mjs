// The server the shutdown-under-load test runs in a child process, from the BUILT package: an
// ordinary Express or Fastify service with readyz and installShutdown, as a host would write it.
// Prints {"port":N} once listening; logs shutdown progress as JSON lines on stderr.

import { installShutdown } from '@rollgate/adapters/shutdown';
import { createHealth } from '@rollgate/core';

const framework = process.env.FRAMEWORK ?? 'express';
const drainDelayMs = Number(process.env.DRAIN_DELAY_MS ?? 1_500);
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 4_000);
const workMs = Number(process.env.WORK_MS ?? 5);

const health = createHealth({ service: 'load-test', version: '1.0.0', probeTimeoutMs: 300, cacheTtlMs: 0 });
health.register({ name: 'Redis', check: () => 'PONG' });

const logger = {
  info: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: 'info', message, ...fields })}\n`),
  error: (fields, message) =>
    process.stderr.write(
      `${JSON.stringify({ level: 'error', message, ...fields, error: String(fields.error) })}\n`,
    ),
};
const work = () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), workMs));

let target;
if (framework === 'fastify') {
  const { default: Fastify } = await import('fastify');
  const { rollgateFastify } = await import('@rollgate/adapters/fastify');
  const app = Fastify();
  await app.register(rollgateFastify, { health });
  app.get('/work', work);
  await app.listen({ port: 0, host: '127.0.0.1' });
  target = app;
} else {
  const { default: express } = await import('express');
  const { rollgateExpress } = await import('@rollgate/adapters/express');
  const app = express();
  app.use(rollgateExpress({ health }));
  app.get('/work', async (_req, res) => {
    res.json(await work());
  });
  target = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

installShutdown(target, health, { drainDelayMs, timeoutMs, logger });
const server = framework === 'fastify' ? target.server : target;
process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);

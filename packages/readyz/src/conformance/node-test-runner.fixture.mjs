// Run by `node --test` from dependencies.test.ts: the conformance kit under node:test, against the built package,
// with a real TCP dependency (a server the hooks close and reopen) probed over a socket.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { after, before, test } from 'node:test';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { assertReadyzConformance, checkReadyzConformance } from '@rollgate/readyz/testing';

let dependency = createTcpServer((socket) => socket.end());
let dependencyPort = 0;
let http;
let base = '';

const listen = (server, port) =>
  new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server.address().port)));

before(async () => {
  dependencyPort = await listen(dependency, 0);
  const health = createHealth({ service: 'node-test', version: '1.0.0', cacheTtlMs: 0 });
  health.register({
    name: 'Queue',
    check: (signal) =>
      new Promise((resolve, reject) => {
        const socket = connect(dependencyPort, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', reject);
        signal.addEventListener('abort', () => socket.destroy(), { once: true });
      }),
  });
  health.markStarted();
  const readyz = createReadyz(health);
  http = createHttpServer(async (req, res) => {
    const answer = await readyz.handle({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  base = `http://127.0.0.1:${await listen(http, 0)}`;
});

after(() => {
  http?.close();
  dependency.close();
});

const hooks = {
  fail: () => new Promise((resolve) => dependency.close(resolve)),
  restore: async () => {
    dependency = createTcpServer((socket) => socket.end());
    await listen(dependency, dependencyPort);
  },
};

test('a service whose readiness follows its dependency conforms', async () => {
  const findings = await assertReadyzConformance(base, { dependencies: { Queue: hooks } });
  assert.ok(findings.some((f) => f.check === 'dependency.Queue.fails' && f.ok));
});

test('a dependency the service does not probe fails with a diff', async () => {
  const findings = await checkReadyzConformance(base, {
    dependencies: { Cache: { fail: () => {}, restore: () => {} } },
    failWithinMs: 200,
  });
  assert.deepEqual(
    findings.filter((f) => !f.ok).map((f) => f.check),
    ['dependency.Cache.fails'],
  );
});

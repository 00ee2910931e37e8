// A failure drill started and ended over HTTP through every adapter, over real sockets: the admin route needs the
// bearer token and a loopback peer (the socket's address, which each adapter passes), and while the drill lasts
// /readyz answers 503 naming the probe, marked simulated.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createHealth, type Health } from '@rollgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { ADAPTERS, startApp, type TestApp } from '../../tests/apps/index.js';
import { rollgateNode } from '../node.js';

const TOKEN = 'drill-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const opened: TestApp[] = [];
const healths: Health[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 1000,
  });
  created.register({ name: 'Redis', operation: 'PING', check: () => 'PONG' });
  created.register({ name: 'Postgres', check: () => true });
  healths.push(created);
  return created;
}

describe.each(ADAPTERS)('drills over HTTP through the %s adapter', (adapter) => {
  // The fetch adapter has no socket to read a peer from: it serves the admin route only with allowRemote.
  const allowRemote = adapter === 'fetch';

  it('a hang drill on Redis fails /readyz at its real timeout, marked simulated, until DELETE ends it', async () => {
    const app = await startApp(adapter, { health: health(), admin: { token: TOKEN, allowRemote } });
    opened.push(app);
    expect((await http(`${app.url}/readyz`)).status).toBe(200);
    const drill = `${app.url}/readyz/admin/drills/Redis`;

    expect((await http(`${drill}?mode=hang&forMs=60000`, { method: 'POST' })).status).toBe(401);
    const wrong = await http(`${drill}?mode=hang&forMs=60000`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}0` },
    });
    expect(wrong.status).toBe(401);
    expect((await http(`${app.url}/readyz`)).status).toBe(200);

    const started = await http(`${drill}?mode=hang&forMs=60000`, { method: 'POST', headers: auth });
    expect(started.status).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'ok',
      drill: { probe: 'Redis', mode: 'hang', forMs: 60_000 },
    });

    const failing = await http(`${app.url}/readyz`);
    expect(failing.status).toBe(503);
    expect(failing.json()).toEqual({
      status: 'fail',
      dependency: 'Redis',
      error: 'PING timeout after 300ms',
      failures: [{ name: 'Redis', critical: true, error: 'PING timeout after 300ms', simulated: true }],
    });
    expect((await http(`${app.url}/livez`)).status).toBe(200);

    const ended = await http(drill, { method: 'DELETE', headers: auth });
    expect(ended.json()).toEqual({ status: 'ok', ended: true });
    expect((await http(`${app.url}/readyz`)).json()).toEqual({ status: 'ok' });
  });

  it('the admin route is absent unless configured', async () => {
    const app = await startApp(adapter, { health: health() });
    opened.push(app);
    const answer = await http(`${app.url}/readyz/admin/drills/Redis?mode=fail&forMs=1000`, {
      method: 'POST',
      headers: auth,
    });
    // An unknown probe path to readyz (405 for POST), or no route at all to Fastify (its 404): never a drill.
    expect([404, 405]).toContain(answer.status);
    expect((await http(`${app.url}/readyz`)).status).toBe(200);
  });
});

describe('the admin route and the peer address', () => {
  it('the fetch adapter, which knows no peer, refuses the admin route without allowRemote', async () => {
    const app = await startApp('fetch', { health: health(), admin: { token: TOKEN } });
    opened.push(app);
    const answer = await http(`${app.url}/readyz/admin/drills/Redis?mode=fail&forMs=1000`, {
      method: 'POST',
      headers: auth,
    });
    expect(answer.status).toBe(403);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(external === undefined)(
    'a request from a non-loopback address is refused (403), even with the token, unless allowRemote',
    async () => {
      for (const allowRemote of [false, true]) {
        const rollgate = rollgateNode({ health: health(), admin: { token: TOKEN, allowRemote } });
        const server = createServer((req, res) => {
          if (!rollgate(req, res)) res.writeHead(404).end();
        });
        await new Promise<void>((resolve) => server.listen(0, external, resolve));
        const { port } = server.address() as AddressInfo;
        try {
          const answer = await http(
            `http://${external}:${port}/readyz/admin/drills/Redis?mode=fail&forMs=1000`,
            {
              method: 'POST',
              headers: auth,
            },
          );
          expect([allowRemote, answer.status]).toEqual([allowRemote, allowRemote ? 200 : 403]);
        } finally {
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        }
      }
    },
  );
});

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health } from '@rollgate/core';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { rollgateExpress } from '../express.js';

// `express4` is an npm alias of Express 4 (a devDependency) and ships no types of its own.
const express4 = createRequire(import.meta.url)('express4') as typeof express;

const healths: Health[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(check: (signal: AbortSignal) => unknown = () => 'PONG'): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  created.register({ name: 'Redis', check });
  healths.push(created);
  return created;
}

async function serve(app: express.Express): Promise<string> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each([
  ['Express 5', express],
  ['Express 4', express4],
])('the Express router on %s', (_, factory) => {
  it('mounts at a path and inside another router, and passes every other path on untouched', async () => {
    const app = factory();
    const inner = factory.Router();
    inner.use(rollgateExpress({ health: health() }));
    app.use('/internal', inner);
    app.use('/ops', rollgateExpress({ health: health() }));
    app.get('/readyzz', (_req, res) => {
      res.json({ host: 'readyzz' });
    });
    app.get('/ops/work', (_req, res) => {
      res.json({ host: 'work' });
    });
    const url = await serve(app);
    expect((await http(`${url}/ops/readyz`)).json()).toEqual({ status: 'ok' });
    expect((await http(`${url}/internal/readyz/Redis`)).json()).toEqual({ status: 'ok' });
    expect((await http(`${url}/readyzz`)).json()).toEqual({ host: 'readyzz' });
    expect((await http(`${url}/ops/work`)).json()).toEqual({ host: 'work' });
    expect((await http(`${url}/readyz`)).status).toBe(404); // not mounted at the root
  });

  it('never lets Express answer a health request with its HTML error page', async () => {
    const healthy = health();
    const broken: Health = Object.assign(Object.create(healthy) as Health, {
      check: () => {
        throw new Error('engine defect');
      },
    });
    let hostErrorHandlerCalls = 0;
    const app = factory();
    app.use(rollgateExpress({ health: broken }));
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      hostErrorHandlerCalls += 1;
      res.status(500).type('html').send('<pre>stack trace</pre>');
    });
    const url = await serve(app);
    const failing = await http(`${url}/readyz`);
    expect(failing.status).toBe(503);
    expect(failing.headers['content-type']).toMatch(/^application\/json/);
    expect(failing.json()).toMatchObject({ status: 'fail' });
    // A malformed probe name is readyz's 400 JSON, not Express' decodeURIComponent failure page.
    const malformed = await http(`${url}/readyz/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ status: 'error' });
    expect(hostErrorHandlerCalls).toBe(0);
  });

  it('keeps ordinary routes unchanged while a probe fails', async () => {
    const app = factory();
    app.use(
      rollgateExpress({
        health: health(() => {
          throw new Error("READONLY You can't write against a read only replica.");
        }),
      }),
    );
    app.get('/work', (_req, res) => {
      res.json({ ok: true });
    });
    const url = await serve(app);
    expect((await http(`${url}/readyz`)).json()).toMatchObject({ status: 'fail', dependency: 'Redis' });
    expect((await http(`${url}/work`)).json()).toEqual({ ok: true });
  });
});

describe('rollgateExpress options', () => {
  it("refuses a missing health with readyz's coded error", () => {
    expect(() => rollgateExpress({} as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_READYZ_INVALID_OPTION' }),
    );
  });
});

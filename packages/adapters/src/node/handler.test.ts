import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health } from '@rollgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { createNodeHandler, rollgateFetch, rollgateNode } from '../node.js';

const healths: Health[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  created.register({ name: 'Redis', check: () => 'PONG' });
  healths.push(created);
  return created;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
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

describe('the node:http handler', () => {
  it("returns false synchronously, writing nothing, for a path that is not readyz's", async () => {
    const rollgate = rollgateNode({ health: health() });
    const returned: unknown[] = [];
    const url = await serve((req, res) => {
      const handled = rollgate(req, res);
      returned.push(handled);
      if (!handled) res.writeHead(200, { 'x-host': 'yes' }).end('host');
    });
    const answer = await http(`${url}/orders/42`);
    expect(answer.text).toBe('host');
    expect(answer.headers['x-host']).toBe('yes');
    expect(returned).toEqual([false]);
  });

  it('returns a promise that resolves true once the readyz answer is written', async () => {
    const rollgate = rollgateNode({ health: health() });
    const settled: unknown[] = [];
    const url = await serve((req, res) => {
      const handled = rollgate(req, res);
      expect(handled).toBeInstanceOf(Promise);
      if (handled) void handled.then((value) => settled.push([value, res.writableEnded]));
    });
    expect((await http(`${url}/readyz`)).json()).toEqual({ status: 'ok' });
    expect(settled).toEqual([[true, true]]);
  });

  it('is also exported as createNodeHandler and refuses a missing health with a coded error', () => {
    expect(createNodeHandler).toBe(rollgateNode);
    expect(() => rollgateNode({} as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_ADAPTER_OPTION' }),
    );
  });
});

describe('the fetch handler', () => {
  it('answers web Requests with web Responses and says which paths are its own', async () => {
    const readyz = rollgateFetch({ health: health(), prefix: '/ops' });
    expect(readyz.matches(new Request('http://svc/ops/readyz?verbose'))).toBe(true);
    expect(readyz.matches(new Request('http://svc/orders'))).toBe(false);
    const ok = await readyz(new Request('http://svc/ops/readyz'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    const head = await readyz(new Request('http://svc/ops/readyz', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await readyz(new Request('http://svc/orders'))).status).toBe(404);
  });
});

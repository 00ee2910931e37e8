import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health } from '@rollgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { createNodeHandler, rollgateNode } from '../node.js';

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

  it("is also exported as createNodeHandler and refuses a missing health with readyz's coded error", () => {
    expect(createNodeHandler).toBe(rollgateNode);
    expect(() => rollgateNode({} as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_READYZ_INVALID_OPTION' }),
    );
    expect(() => rollgateNode(undefined as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_READYZ_INVALID_OPTION' }),
    );
  });
});

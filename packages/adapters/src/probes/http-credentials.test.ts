// httpProbe with credentials in the URL, against a real upstream: they arrive as Authorization: Basic, and the
// password never shows in a failure, even when the upstream echoes the header back in its error.
import { createServer, type Server } from 'node:http';
import { createHealth } from '@rollgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbe } from './http.js';

const PASSWORD = 'pa/ss#w0rd-Long';
let upstream: Server;
let port: number;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const expected = `Basic ${Buffer.from(`app:${PASSWORD}`).toString('base64')}`;
    if (req.url === '/ok' && req.headers.authorization === expected) return void res.end('fine');
    res.writeHead(401).end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  port = (upstream.address() as { port: number }).port;
});

afterAll(() => {
  upstream?.closeAllConnections();
  upstream?.close();
});

const url = (path: string) => `http://app:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}${path}`;

describe('httpProbe with credentials in the URL', () => {
  it('sends them as Authorization: Basic (fetch refuses such a URL)', async () => {
    const probe = httpProbe(url('/ok'));
    await expect(probe.check(new AbortController().signal)).resolves.toBe(200);
    expect(seen.at(-1)).toBe(`Basic ${Buffer.from(`app:${PASSWORD}`).toString('base64')}`);
    expect(probe.name).toBe(`127.0.0.1:${port}`);
  });

  it('registers the password and the header value as secrets, hidden from every failure text', async () => {
    const probe = httpProbe(url('/ok'), {
      // An upstream client that puts the whole request in its error, as some do.
      fetch: async (input, init) => {
        const auth = new Headers(init?.headers).get('authorization');
        throw new Error(`request ${String(input)} with ${auth} and password ${PASSWORD} failed`);
      },
    });
    expect(probe.secrets).toEqual([PASSWORD, Buffer.from(`app:${PASSWORD}`).toString('base64')]);
    const health = createHealth({ service: 'orders-api', version: '1.0.0', maxErrorLength: 4096 });
    health.register(probe);
    const report = await health.check('readiness');
    expect(report.status).toBe('fail');
    expect(report.error).not.toContain(PASSWORD);
    expect(report.error).not.toContain(encodeURIComponent(PASSWORD));
    expect(report.error).not.toContain(Buffer.from(`app:${PASSWORD}`).toString('base64'));
    expect(report.error).toContain('***');
    await health.close();
  });

  it('lets an explicit Authorization header win, and registers nothing for a URL without credentials', async () => {
    const probe = httpProbe(url('/ok'), { headers: { Authorization: 'Bearer other' } });
    await expect(probe.check(new AbortController().signal)).rejects.toThrow('GET answered 401');
    expect(seen.at(-1)).toBe('Bearer other');
    expect(httpProbe(`http://127.0.0.1:${port}/ok`).secrets).toBeUndefined();
  });
});

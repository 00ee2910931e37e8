import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/index.js';
import { httpProbe } from './http.js';
import { checkThroughHealth } from './test-kit.js';

const run = async (probe: ReturnType<typeof httpProbe>) => probe.check(new AbortController().signal);

let upstream: Server;
let base: string;
let abandoned = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    if (req.url === '/ok') return void res.end('fine');
    if (req.url === '/fail') return void res.writeHead(500).end('broken');
    if (req.url === '/teapot') return void res.writeHead(418).end();
    if (req.url === '/moved') return void res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/huge') {
      res.writeHead(200);
      res.write(Buffer.alloc(1 << 20)); // the probe must not wait for, nor buffer, the body
      return;
    }
    // /slow: answers only after 5 s; the probe must give up, and close the socket, first.
    const timer = setTimeout(() => res.end('late'), 5_000);
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableEnded) abandoned += 1;
    });
  });
  upstream.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
});

afterAll(() => {
  upstream?.closeAllConnections();
  upstream?.close();
});

describe('httpProbe against a real node:http upstream', () => {
  it('passes on 2xx without reading the body', async () => {
    await expect(run(httpProbe(`${base}/ok`))).resolves.toBe(200);
    await expect(run(httpProbe(`${base}/huge`, { timeoutMs: 1_000 }))).resolves.toBe(200);
  });

  it('fails on a 500, naming the status it expected', async () => {
    await expect(run(httpProbe(`${base}/fail`))).rejects.toThrow('GET answered 500, expected 2xx');
  });

  it('honours expectStatus as a status, a list or a predicate, and does not follow redirects', async () => {
    await expect(run(httpProbe(`${base}/teapot`, { expectStatus: 418 }))).resolves.toBe(418);
    await expect(run(httpProbe(`${base}/ok`, { expectStatus: [204, 418] }))).rejects.toThrow(
      'GET answered 200, expected 204 or 418',
    );
    await expect(run(httpProbe(`${base}/fail`, { expectStatus: (status) => status < 600 }))).resolves.toBe(
      500,
    );
    await expect(run(httpProbe(`${base}/moved`))).rejects.toThrow('GET answered 302');
  });

  it('fails at its timeout on a slow upstream and closes the connection it abandoned', async () => {
    const before = abandoned;
    const slow = await checkThroughHealth(httpProbe(`${base}/slow`, { timeoutMs: 300 }));
    expect(slow).toMatchObject({ status: 'fail', error: 'GET timeout after 300ms', warnings: [] });
    expect(slow.elapsedMs).toBeLessThan(300 + 200);
    await expect.poll(() => abandoned, { timeout: 2_000 }).toBe(before + 1);
  });

  it('fails with the connection error when nothing listens', async () => {
    const port = await freePort();
    await expect(run(httpProbe(`http://127.0.0.1:${port}/health`))).rejects.toThrow(
      `GET failed: fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});

describe('httpProbe options', () => {
  it('is named after the host, never the credentials, unless given a name', () => {
    expect(httpProbe('https://user:secret@payments.internal:8443/health').name).toBe(
      'payments.internal:8443',
    );
    // The operation is the method alone: a URL may carry credentials or tokens.
    expect(httpProbe('https://payments.internal/health?token=abc', { method: 'HEAD' })).toEqual({
      name: 'payments.internal',
      operation: 'HEAD',
      check: expect.any(Function),
    });
    expect(httpProbe('https://payments.internal/health', { name: 'Payments' }).name).toBe('Payments');
  });

  it('refuses a relative or non-HTTP URL and impossible statuses with a coded error', () => {
    const coded = expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' });
    expect(() => httpProbe('/health')).toThrow(coded);
    expect(() => httpProbe('ftp://files.internal/')).toThrow(coded);
    expect(() => httpProbe('http://a.internal/', { expectStatus: [] })).toThrow(coded);
    expect(() => httpProbe('http://a.internal/', { expectStatus: 1000 })).toThrow(coded);
  });

  it('refuses a method other than GET or HEAD, naming the option', () => {
    const post = () => httpProbe('http://a.internal/', { method: 'POST' as 'GET' });
    expect(post).toThrow(expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }));
    expect(post).toThrow(/method/);
  });
});

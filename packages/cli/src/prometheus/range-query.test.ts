// The client against a node:http stand-in that answers the ways a real Prometheus (or a proxy in front of it)
// can: errors with Prometheus' JSON body, HTML from a proxy, oversized and stalled answers, several series,
// NaN and ±Inf. Every one must come back as a value, never a throw.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRange, queryRangeUrl } from './range-query.js';

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let reply: Reply;
let server: Server;
let url: string;
let lastBody = '';
let lastPath = '';

const matrix = (result: unknown[]) =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
const json =
  (status: number, text: string): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  };
// A port nothing listens on: bound by the OS a moment ago, then released.
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

const RANGE = { query: 'sum(rate(x[1m]))', start: 1_700_000_000_000, end: 1_700_000_060_000, stepMs: 15_000 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      lastBody = Buffer.concat(chunks).toString();
      lastPath = req.url ?? '';
      reply(req, res, lastBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prom`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('queryRange', () => {
  it('POSTs the range form-encoded under the base path and reads one series, with NaN and ±Inf', async () => {
    reply = json(
      200,
      matrix([
        {
          metric: {},
          values: [
            [1_700_000_000, '0.5'],
            [1_700_000_015.5, 'NaN'],
            [1_700_000_030, '+Inf'],
            [1_700_000_045, '-Inf'],
            [1_700_000_060, '1e-3'],
          ],
        },
      ]),
    );
    const result = await queryRange({ url }, RANGE);
    expect(lastPath).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(lastBody))).toEqual({
      query: 'sum(rate(x[1m]))',
      start: '1700000000.000',
      end: '1700000060.000',
      step: '15.000',
      timeout: '10s',
    });
    if (!result.ok) throw new Error(result.error);
    expect([...result.series.t]).toEqual([
      1_700_000_000_000, 1_700_000_015_500, 1_700_000_030_000, 1_700_000_045_000, 1_700_000_060_000,
    ]);
    expect([...result.series.value]).toEqual([0.5, Number.NaN, Infinity, -Infinity, 0.001]);
  });

  it('reads an empty result as no samples, not an error', async () => {
    reply = json(200, matrix([]));
    const result = await queryRange({ url }, RANGE);
    expect(result.ok && result.series.t.length).toBe(0);
  });

  it('names Prometheus’ own error (type and text) from its JSON body', async () => {
    reply = json(
      400,
      JSON.stringify({
        status: 'error',
        errorType: 'bad_data',
        error: 'parse error at char 5: unexpected ")"',
      }),
    );
    expect(await queryRange({ url }, RANGE)).toMatchObject({
      ok: false,
      outcome: 'prometheus',
      error: 'Prometheus bad_data error (HTTP 400): parse error at char 5: unexpected ")"',
    });
  });

  it('reports a proxy’s HTML error page by status, clipped to one line', async () => {
    reply = (_req, res) =>
      res
        .writeHead(502, { 'content-type': 'text/html' })
        .end(`<html>\n<b>Bad gateway</b>${'x'.repeat(1000)}</html>`);
    const result = await queryRange({ url }, RANGE);
    expect(result).toMatchObject({ ok: false, outcome: 'http' });
    if (result.ok) return;
    expect(result.error).toMatch(/^Prometheus answered HTTP 502: <html> <b>Bad gateway/);
    expect(result.error.length).toBeLessThanOrEqual(301);
  });

  it('refuses several series: the evaluator judges one per metric', async () => {
    reply = json(
      200,
      matrix([
        { metric: { pod: 'a' }, values: [[1, '1']] },
        { metric: { pod: 'b' }, values: [[1, '2']] },
      ]),
    );
    expect(await queryRange({ url }, RANGE)).toMatchObject({
      ok: false,
      outcome: 'bad_response',
      error: expect.stringContaining('returned 2 series ({pod="a"}, {pod="b"}, …); aggregate it to one'),
    });
  });

  it('refuses an answer past the size bound, declared or streamed', async () => {
    reply = json(200, matrix([{ metric: {}, values: Array.from({ length: 500 }, (_, i) => [i, '1']) }]));
    expect(await queryRange({ url, maxBytes: 1000 }, RANGE)).toMatchObject({
      ok: false,
      outcome: 'too_large',
    });
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('x'.repeat(800));
      res.end('y'.repeat(800));
    };
    expect(await queryRange({ url, maxBytes: 1000 }, RANGE)).toMatchObject({
      ok: false,
      outcome: 'too_large',
      error: 'Prometheus answer larger than 1000 bytes',
    });
  });

  it('gives up at the timeout when Prometheus stalls mid-answer', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success"');
    };
    const result = await queryRange({ url, timeoutMs: 300 }, RANGE);
    expect(result).toMatchObject({
      ok: false,
      outcome: 'timeout',
      error: 'Prometheus query timeout after 300ms',
    });
    expect(new URLSearchParams(lastBody).get('timeout')).toBe('1s');
  });

  it('stops at the caller’s deadline too, naming it', async () => {
    reply = () => {}; // never answers
    const result = await queryRange({ url, timeoutMs: 5000 }, RANGE, AbortSignal.timeout(100));
    expect(result).toMatchObject({
      ok: false,
      outcome: 'timeout',
      error: expect.stringContaining('request deadline'),
    });
  });

  it('reports a non-JSON 200, a wrong result type and a refused connection', async () => {
    reply = (_req, res) => res.writeHead(200).end('ok');
    expect(await queryRange({ url }, RANGE)).toMatchObject({ ok: false, outcome: 'bad_response' });
    reply = json(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    expect(await queryRange({ url }, RANGE)).toMatchObject({
      ok: false,
      error: expect.stringContaining('a vector, expected a matrix'),
    });
    const closed = await closedPort();
    expect(await queryRange({ url: `http://127.0.0.1:${closed}` }, RANGE)).toMatchObject({
      ok: false,
      outcome: 'network',
      error: `Prometheus unreachable: fetch failed: connect ECONNREFUSED 127.0.0.1:${closed}`,
    });
  });

  it('keeps a base path and never puts credentials in an error', async () => {
    expect(queryRangeUrl('http://p:9090').href).toBe('http://p:9090/api/v1/query_range');
    expect(queryRangeUrl('http://p:9090/prometheus/').href).toBe(
      'http://p:9090/prometheus/api/v1/query_range',
    );
    const refused = await queryRange({ url: `http://user:s3cret@127.0.0.1:${await closedPort()}` }, RANGE);
    expect(refused).toMatchObject({ ok: false, outcome: 'network' });
    expect(JSON.stringify(refused)).not.toContain('s3cret');
    let authorization: string | undefined;
    reply = (req, res) => {
      authorization = req.headers.authorization;
      json(200, matrix([]))(req, res, '');
    };
    expect((await queryRange({ url: url.replace('http://', 'http://user:s%3Acret@') }, RANGE)).ok).toBe(true);
    expect(authorization).toBe(`Basic ${Buffer.from('user:s:cret').toString('base64')}`);
    expect(lastPath).toBe('/prom/api/v1/query_range');
  });
});

// The analysis server's bounds and refusals, with Prometheus stood in for by a fetch function (the real
// Prometheus runs in tests/prometheus): concurrency, body size and type, a stalled body, the report page,
// documents and options it cannot use. No answer carries a stack trace.
import { request } from 'node:http';
import { connect } from 'node:net';
import { isRollgateError } from '@rollgate/contract/errors';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnalysisServer, createAnalysisServer } from './index.js';
import { variablesFromFlagger, variablesFromObject } from './request-input.js';

const RULES = { rules: [{ id: 'error-rate', kind: 'threshold', metric: 'errors', op: '>', value: 0.02 }] };
const QUERIES = {
  variables: { service: {} },
  queries: { errors: { canary: 'sum(errors{service="{{service}}"})' } },
};

/** A Prometheus stand-in: every range query answers a healthy 0 at each step after `delayMs`; /-/ready answers 200. */
function fakePrometheus(delayMs = 0) {
  return (async (url: URL, init?: RequestInit) => {
    if (String(url).endsWith('/-/ready')) return new Response('ready');
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, delayMs);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(init.signal?.reason);
      });
    });
    const form = new URLSearchParams(String(init?.body));
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(form.get(k)));
    const values: [number, string][] = [];
    for (let t = start!; t <= end!; t += step!) values.push([t, '0']);
    const body = { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } };
    return new Response(JSON.stringify(body));
  }) as unknown as typeof fetch;
}

let server: AnalysisServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Partial<Parameters<typeof createAnalysisServer>[0]> = {}) {
  server = createAnalysisServer({
    rules: RULES,
    queries: QUERIES,
    prometheus: { url: 'http://prometheus.test:9090', fetch: fakePrometheus() },
    port: 0,
    ...options,
  });
  return `http://127.0.0.1:${(await server.listen()).port}`;
}

/** One raw request; `body` may be written slowly with `stallMs` before its end. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; stallMs?: number } = {},
) {
  return new Promise<{ status: number; text: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        url,
        { method: options.method ?? 'POST', headers: options.headers, agent: false },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        },
      );
      req.on('error', reject);
      if (options.body !== undefined) req.write(options.body);
      if (options.stallMs === undefined) req.end();
      else setTimeout(() => req.destroy(), options.stallMs);
    },
  );
}

describe('createAnalysisServer', () => {
  it('answers a JSON decision and renders the HTML report from the same analysis', async () => {
    const base = await start();
    const answer = await send(`${base}/v1/analysis`, {
      headers: { 'content-type': 'application/json' },
      body: '{"service":"a"}',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ decision: 'promote', decidedBy: ['error-rate'] });
    const page = await send(`${base}/v1/analysis/report?service=a`, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toMatch(/^<!doctype html>/i);
    expect(page.text).toContain('<svg');
  });

  it('answers 429 with Retry-After when every evaluation slot is taken', async () => {
    const base = await start({
      prometheus: { url: 'http://prometheus.test:9090', fetch: fakePrometheus(300) },
      limits: { maxConcurrent: 1 },
    });
    const first = send(`${base}/v1/analysis?service=a`, { method: 'GET' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await send(`${base}/v1/analysis?service=a`, { method: 'GET' });
    expect([second.status, second.headers['retry-after']]).toEqual([429, '1']);
    expect((await first).status).toBe(200);
    expect((await send(`${base}/v1/analysis?service=a`, { method: 'GET' })).status).toBe(200);
  });

  it('cuts a slow Prometheus at the request budget: inconclusive, not a hang', async () => {
    const base = await start({
      prometheus: { url: 'http://prometheus.test:9090', fetch: fakePrometheus(60_000), timeoutMs: 30_000 },
      limits: { requestTimeoutMs: 300 },
    });
    const answer = await send(`${base}/v1/analysis?service=a`, { method: 'GET' });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { decision: string; queries: { error: string }[] };
    expect(body.decision).toBe('inconclusive');
    expect(body.queries[0]!.error).toBe('Prometheus query abandoned: the request deadline passed');
  });

  it('refuses an oversized body (413), a non-JSON type (415) and a body that never ends (408)', async () => {
    const base = await start({ limits: { maxBodyBytes: 64, requestTimeoutMs: 300 } });
    const json = { 'content-type': 'application/json' };
    const big = await send(`${base}/v1/analysis`, {
      headers: json,
      body: JSON.stringify({ service: 'x'.repeat(100) }),
    });
    expect(big.status).toBe(413);
    const form = await send(`${base}/v1/flagger`, {
      headers: { 'content-type': 'text/plain' },
      body: 'name=a',
    });
    expect(form.status).toBe(415);
    const stalled = await send(`${base}/v1/analysis`, {
      headers: { ...json, 'content-length': '40' },
      body: '{"service":',
      stallMs: 2000,
    });
    expect(stalled.status).toBe(408);
    for (const answer of [big, form, stalled]) expect(answer.text).not.toMatch(/\.ts:\d+|at async/);
  });

  it('answers a request target that is not a path with 400, not 500', async () => {
    const base = await start();
    const { port } = new URL(base);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (c) => {
        text += c.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('throws at creation, with the issues, for documents it cannot use', () => {
    try {
      createAnalysisServer({
        rules: RULES,
        queries: { queries: { other: { canary: 'x' } } },
        prometheus: { url: 'http://p:9090' },
        files: { queries: 'q.yaml' },
      });
      expect.unreachable();
    } catch (error) {
      expect(isRollgateError(error, 'ROLLGATE_ERR_ANALYSIS_INVALID_DOCUMENTS')).toBe(true);
      expect((error as Error).message).toContain('q.yaml: queries.errors: rule "error-rate" reads errors');
    }
  });

  it('throws for options a host wrote wrong', () => {
    const base = { rules: RULES, queries: QUERIES, prometheus: { url: 'http://p:9090' } };
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (error) {
        return isRollgateError(error) ? error.code : String(error);
      }
    };
    expect(codeOf(() => createAnalysisServer({ ...base, port: 70_000 }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    expect(codeOf(() => createAnalysisServer({ ...base, limits: { maxConcurrent: 0 } }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    expect(codeOf(() => createAnalysisServer({ ...base, limits: { maxBody: 1 } as never }))).toBe(
      'ROLLGATE_ERR_UNKNOWN_OPTION',
    );
    expect(codeOf(() => createAnalysisServer({ ...base, prot: 1 } as never))).toBe(
      'ROLLGATE_ERR_UNKNOWN_OPTION',
    );
  });
});

describe('request variables', () => {
  it('never throw on arbitrary JSON, and accepted values are strings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        for (const read of [variablesFromFlagger(body), variablesFromObject(body, '')]) {
          if (read.ok) for (const v of Object.values(read.value)) expect(typeof v).toBe('string');
          else expect(read.issues.every((i) => i.code === 'invalid_request')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('take Flagger’s name and namespace, then its metadata', () => {
    expect(
      variablesFromFlagger({
        name: 'orders-api',
        namespace: 'shop',
        phase: 'Progressing',
        checksum: 'x',
        metadata: { service: 'orders', namespace: 'other' },
      }),
    ).toEqual({
      ok: true,
      value: { name: 'orders-api', namespace: 'other', service: 'orders' },
    });
  });
});

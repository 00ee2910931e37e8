import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { DEFAULT_LIMITS } from './limits.js';
import { counted, healthWith, pass } from './test-kit.js';
import type { ReadyzRequest, ReadyzResponse } from './types.js';

function setup(options: Parameters<typeof createReadyz>[1] = {}) {
  const db = counted(pass);
  const live = counted(pass);
  const health = healthWith([
    { name: 'db', check: db.check },
    { name: 'loop', groups: ['liveness', 'startup'], check: live.check },
  ]);
  const readyz = createReadyz(health, options);
  const runs = () => db.calls + live.calls;
  return { readyz, runs };
}

/** Asserts a short JSON request error with `status` and `code`, and that no probe ran for it. */
async function refused(
  request: ReadyzRequest,
  status: number,
  code: string,
  options = {},
): Promise<ReadyzResponse> {
  const { readyz, runs } = setup(options);
  const res = await readyz.handle(request);
  expect(res.status, JSON.stringify(request).slice(0, 200)).toBe(status);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 'error', code });
  expect(res.body.length).toBeLessThan(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(runs()).toBe(0);
  return res;
}

const GET = (path: string, rest: Partial<ReadyzRequest> = {}): ReadyzRequest => ({
  method: 'GET',
  path,
  ...rest,
});

describe('bounds: documented in DEFAULT_LIMITS and answered before any probe runs', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxPathBytes: 2048,
      maxQueryBytes: 4096,
      maxQueryParams: 64,
      maxExclude: 32,
      maxNameBytes: 256,
      maxHeaderBytes: 16_384,
      maxHeaderCount: 128,
    });
  });

  it('a 10 kB path is 414, on a readyz route or not', async () => {
    await refused(GET(`/readyz/${'a'.repeat(10_000)}`), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG');
    await refused(GET('/x'.repeat(5_000)), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG');
    await refused(GET(`/readyz/${'é'.repeat(1_100)}`), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG'); // bytes, not characters
  });

  it('a query beyond 4096 bytes is 414, in every form', async () => {
    const long = `exclude=${'a'.repeat(5_000)}`;
    await refused(GET(`/readyz?${long}`), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG');
    await refused(GET('/readyz', { query: long }), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG');
    await refused(
      GET('/readyz', { query: { x: 'a'.repeat(5_000) } }),
      414,
      'ROLLGATE_ERR_READYZ_URI_TOO_LONG',
    );
    await refused(
      GET('/readyz', { query: new URLSearchParams({ x: 'a'.repeat(5_000) }) }),
      414,
      'ROLLGATE_ERR_READYZ_URI_TOO_LONG',
    );
    await refused(GET(`/readyz?${long}`, { query: {} }), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG');
  });

  it('more than 64 parameters is 400, however they are repeated', async () => {
    const many = Array.from({ length: 65 }, (_, i) => `p${i}=1`).join('&');
    await refused(GET(`/readyz?${many}`), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    await refused(GET('/readyz?verbose'.concat('&verbose'.repeat(70))), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    await refused(
      GET('/readyz', { query: { exclude: Array(100_000).fill('') } }),
      400,
      'ROLLGATE_ERR_READYZ_BAD_QUERY',
    );
  });

  it('more than 32 exclude names is 400; an over-long name is 400', async () => {
    const names = Array.from({ length: 33 }, (_, i) => `n${i}`).join(',');
    await refused(GET(`/readyz?exclude=${names}`), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    await refused(GET(`/readyz?exclude=${'n'.repeat(257)}`), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    const { readyz } = setup();
    const ok = await readyz.handle(
      GET(`/readyz?exclude=${Array.from({ length: 32 }, (_, i) => `n${i}`).join(',')}`),
    );
    expect(ok.status).toBe(200);
  });

  it('limits can be tightened', async () => {
    await refused(GET('/readyz?exclude=a,b,c'), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY', {
      limits: { maxExclude: 2 },
    });
    await refused(GET('/readyz'), 414, 'ROLLGATE_ERR_READYZ_URI_TOO_LONG', { limits: { maxPathBytes: 4 } });
  });

  it('too many or too large headers are 431', async () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-h${i}`, '1']));
    await refused(GET('/readyz', { headers: many }), 431, 'ROLLGATE_ERR_READYZ_HEADERS_TOO_LARGE');
    await refused(
      GET('/readyz', { headers: { cookie: 'a'.repeat(20_000) } }),
      431,
      'ROLLGATE_ERR_READYZ_HEADERS_TOO_LARGE',
    );
    await refused(
      GET('/readyz', { headers: { 'x-a': Array(200).fill('v') } }),
      431,
      'ROLLGATE_ERR_READYZ_HEADERS_TOO_LARGE',
    );
  });
});

describe('malformed requests are 400', () => {
  it('control characters in the path, the probe name, an exclude name or a header', async () => {
    await refused(GET('/readyz\n'), 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(GET('/readyz\u0000'), 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(GET('/readyz/a%0Ab'), 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(GET('/readyz?exclude=a%00b'), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    await refused(
      GET('/readyz', { headers: { accept: 'application/json\r\nx-evil: 1' } }),
      400,
      'ROLLGATE_ERR_READYZ_BAD_HEADER',
    );
  });

  it('broken percent-encoding in the probe name or the query', async () => {
    await refused(GET('/readyz/%E0%A4%A'), 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(GET('/readyz?exclude=%ZZ'), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
    await refused(GET('/readyz', { query: '%' }), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
  });

  it('query values that are not strings (nested objects from extended query parsers)', async () => {
    await refused(
      GET('/readyz', { query: { exclude: { a: 'b' } } as never }),
      400,
      'ROLLGATE_ERR_READYZ_BAD_QUERY',
    );
    await refused(
      GET('/readyz', { query: { exclude: [1, 2] } as never }),
      400,
      'ROLLGATE_ERR_READYZ_BAD_QUERY',
    );
    await refused(GET('/readyz', { query: 42 as never }), 400, 'ROLLGATE_ERR_READYZ_BAD_QUERY');
  });

  it('a request without a path, or no request at all', async () => {
    await refused({ method: 'GET' } as never, 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(null as never, 400, 'ROLLGATE_ERR_READYZ_BAD_PATH');
    await refused(GET('/readyz', { headers: 'accept: */*' as never }), 400, 'ROLLGATE_ERR_READYZ_BAD_HEADER');
  });

  it('an unknown probe is 404, without running anything', async () => {
    await refused(GET('/readyz/mongo'), 404, 'ROLLGATE_ERR_READYZ_UNKNOWN_PROBE');
    await refused(GET('/readyz/a/b'), 404, 'ROLLGATE_ERR_READYZ_UNKNOWN_PROBE');
    await refused(GET('/readyz/constructor'), 404, 'ROLLGATE_ERR_READYZ_UNKNOWN_PROBE');
  });
});

describe('fuzzing handle()', () => {
  const ALLOWED = new Set([200, 400, 401, 402, 403, 404, 405, 414, 431, 503]);
  const routes = [
    '/readyz',
    '/livez',
    '/healthz',
    '/health',
    '/health/ready',
    '/health/live',
    '/health/startup',
    '/readyz/db',
    '/readyz/loop',
  ];
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'get', 'OPTIONS'), text, fc.anything());
  const path = fc.oneof(
    fc.constantFrom(...routes),
    fc.tuple(fc.constantFrom(...routes), text).map(([r, t]) => r + t),
    fc.tuple(fc.constantFrom(...routes), fc.webQueryParameters()).map(([r, q]) => `${r}?${q}`),
    fc
      .tuple(fc.constantFrom('/readyz/', '/', '/readyz?exclude='), fc.nat({ max: 12_000 }))
      .map(([r, n]) => r + 'x'.repeat(n)),
    fc.webPath(),
    text,
    fc.anything(),
  );
  const query = fc.oneof(
    fc.constant(undefined),
    text,
    fc.webQueryParameters(),
    fc.dictionary(
      fc.constantFrom('exclude', 'verbose', 'x'),
      fc.oneof(text, fc.array(text, { maxLength: 40 })),
    ),
    fc
      .array(fc.tuple(fc.constantFrom('exclude', 'verbose'), text), { maxLength: 80 })
      .map((pairs) => new URLSearchParams(pairs)),
    fc.anything(),
  );
  const headers = fc.oneof(
    fc.constant(undefined),
    fc.dictionary(
      fc.oneof(fc.constantFrom('accept', 'Accept', 'x'), text),
      fc.oneof(text, fc.array(text), fc.integer()),
    ),
    fc.constantFrom(
      { accept: 'application/health+json' },
      { accept: 'application/health+json;q=abc, application/json;q=' },
      { cookie: 'c'.repeat(17_000) },
    ),
    fc.anything(),
  );

  it('never throws, answers an allowed status with a JSON body, and runs no probe for a 4xx', async () => {
    const { readyz, runs } = setup();
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(method, path, query, headers, async (m, p, q, h) => {
        const before = runs();
        const res = await readyz.handle({ method: m, path: p, query: q, headers: h } as ReadyzRequest);
        seen.add(res.status);
        expect(ALLOWED.has(res.status)).toBe(true);
        expect(res.headers['cache-control']).toBe('no-store');
        const head = typeof m === 'string' && m.toUpperCase() === 'HEAD' && res.status !== 405;
        if (head) expect(res.body).toBe('');
        else expect(() => JSON.parse(res.body)).not.toThrow();
        if (res.status >= 400 && res.status < 500) expect(runs()).toBe(before);
      }),
      { numRuns: 1_500, seed: 20_251_123 },
    );
    // The generators reach the healthy path and every refusal, so the property is not vacuous.
    for (const status of [200, 400, 404, 405, 414, 431])
      expect(seen.has(status), `status ${status}`).toBe(true);
  });

  it('fetch() never rejects on odd requests either', async () => {
    const { readyz } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
        async (url, m) => {
          const res = await readyz.fetch(new Request(url, { method: m }));
          expect(ALLOWED.has(res.status)).toBe(true);
          expect(res.headers.get('cache-control')).toBe('no-store');
        },
      ),
      { numRuns: 300, seed: 20_251_123 },
    );
  });
});

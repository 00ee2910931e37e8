// The fixed rows of the HTTP fuzz: each one connection's worth of bytes, and what any adapter must do with it.
// Targets start with a readyz path, so what answers is rollgate (or the server's own HTTP parser, before any
// adapter runs), never the host's 404.
import type { RawPlan } from '../support/raw-socket.js';

/** One row: a plan for a connection and the statuses every adapter must answer with (undefined: any non-5xx). */
export interface FuzzRow {
  readonly name: string;
  readonly plan: RawPlan;
  /** Request targets sent, for the echo check. */
  readonly targets: readonly string[];
  /** Expected statuses, in order; undefined when only the general rules apply. */
  readonly statuses?: readonly number[];
  /** The server must close the connection after answering (HTTP/1.0, parser errors). */
  readonly closes?: boolean;
}

const request = (method: string, target: string, headers: readonly string[] = [], version = 'HTTP/1.1') =>
  `${method} ${target} ${version}\r\nHost: fuzz\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`;

/** One request, closing after its answer. */
function single(name: string, method: string, target: string, extra: Partial<FuzzRow> = {}): FuzzRow {
  return {
    name,
    plan: { send: request(method, target, ['Connection: close']), heads: [method === 'HEAD'] },
    targets: [target],
    ...extra,
  };
}

const names = (count: number) => Array.from({ length: count }, (_, index) => `p${index}`);
// Two base-36 characters each, comma-separated: 1,300 of them fit in readyz's 4096-byte query bound, so the
// distinct-name bound (32) is what refuses them.
const shortNames = (count: number) =>
  Array.from({ length: count }, (_, index) => index.toString(36).padStart(2, '0')).join(',');

/** Malformed, over-long and badly encoded targets. */
export const URL_ROWS: readonly FuzzRow[] = [
  single('bad percent-encoding in a probe name', 'GET', '/readyz/%zz', { statuses: [400] }),
  single('truncated percent-encoding in a probe name', 'GET', '/readyz/%E0%A4%A', { statuses: [400] }),
  single('overlong UTF-8 in a probe name', 'GET', '/readyz/%C0%AF', { statuses: [400] }),
  single('NUL in a probe name', 'GET', '/readyz/%00', { statuses: [400] }),
  single('bad percent-encoding in the query', 'GET', '/readyz?%zz', { statuses: [400] }),
  single('invalid UTF-8 in an exclude name', 'GET', '/readyz?exclude=%FF%FE', { statuses: [400] }),
  single('a lone percent sign in the query', 'GET', '/readyz?exclude=%', { statuses: [400] }),
  single('a raw byte above 0x7f in the path', 'GET', '/readyz/\xe9t\xe9', { statuses: [400] }),
  single('dot segments', 'GET', '/readyz/../livez', { statuses: [404] }),
  single('a doubled slash', 'GET', '//readyz'),
  single('a probe name of 300 bytes', 'GET', `/readyz/${'a'.repeat(300)}`, { statuses: [400] }),
  single('a probe name of 200 two-byte characters', 'GET', `/readyz/${'%C3%89'.repeat(200)}`, {
    statuses: [400],
  }),
  single('an 8 KiB path', 'GET', `/readyz/${'a'.repeat(8 * 1024)}`, { statuses: [414] }),
  single('a 64 KiB query string', 'GET', `/readyz?${'verbose&'.repeat(8 * 1024)}`, { statuses: [414] }),
  single(
    '10,000 exclude parameters',
    'GET',
    `/readyz?${names(10_000)
      .map((n) => `exclude=${n}`)
      .join('&')}`,
    { statuses: [414] },
  ),
  single('10,000 comma-separated exclude values', 'GET', `/readyz?exclude=${names(10_000).join(',')}`, {
    statuses: [414],
  }),
  single(
    '1,300 distinct exclude values inside maxQueryBytes',
    'GET',
    `/readyz?exclude=${shortNames(1_300)}`,
    {
      statuses: [400],
    },
  ),
  single('an absolute-form target', 'GET', 'http://fuzz/readyz?verbose'),
];

/** Header floods and odd headers on GET /readyz. */
export const HEADER_ROWS: readonly FuzzRow[] = [
  {
    name: '200 headers',
    plan: {
      send: request('GET', '/readyz', [
        ...Array.from({ length: 200 }, (_, i) => `X-H${i}: v`),
        'Connection: close',
      ]),
    },
    targets: ['/readyz'],
    statuses: [431],
  },
  {
    name: '3,000 headers',
    plan: {
      send: request('GET', '/readyz', [
        ...Array.from({ length: 3_000 }, (_, i) => `X-H${i}: v`),
        'Connection: close',
      ]),
    },
    targets: ['/readyz'],
    statuses: [431],
  },
  {
    name: 'a 15 KiB header value',
    plan: { send: request('GET', '/readyz', [`X-Big: ${'v'.repeat(15 * 1024)}`, 'Connection: close']) },
    targets: ['/readyz'],
    statuses: [200],
  },
  {
    name: 'a 64 KiB header value',
    plan: { send: request('GET', '/readyz', [`X-Big: ${'v'.repeat(64 * 1024)}`, 'Connection: close']) },
    targets: ['/readyz'],
    statuses: [431],
  },
  {
    name: 'a 10 KiB Accept header',
    plan: {
      send: request('GET', '/readyz', [
        `Accept: ${'application/json;q=0.5, '.repeat(400)}`,
        'Connection: close',
      ]),
    },
    targets: ['/readyz'],
    statuses: [200],
  },
  {
    name: 'a control character in a header value',
    plan: { send: request('GET', '/readyz', ['X-Bad: a\x01b', 'Connection: close']) },
    targets: ['/readyz'],
    statuses: [400],
  },
  {
    name: 'Content-Length and Transfer-Encoding together',
    plan: {
      send: request('GET', '/readyz', [
        'Content-Length: 3',
        'Transfer-Encoding: chunked',
        'Connection: close',
      ]),
    },
    targets: ['/readyz'],
    statuses: [400],
  },
];

/** Methods rollgate refuses: 405 with `Allow: GET, HEAD` on every adapter, without reading a body. */
export const REFUSED_METHODS = [
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'QUERY',
  'PURGE',
  'M-SEARCH',
  'LINK',
] as const;

/** Methods the node:http parser itself rejects (400 and close) before any adapter runs. */
export const PARSER_REJECTED_METHODS = ['FOO', 'get', 'G\x01T'] as const;

/** HTTP/1.0 and odd versions. */
export const VERSION_ROWS: readonly FuzzRow[] = [
  {
    name: 'HTTP/1.0 GET',
    plan: { send: 'GET /readyz HTTP/1.0\r\n\r\n' },
    targets: ['/readyz'],
    statuses: [200],
    closes: true,
  },
  {
    name: 'HTTP/1.0 HEAD',
    plan: { send: 'HEAD /readyz HTTP/1.0\r\n\r\n', heads: [true] },
    targets: ['/readyz'],
    statuses: [200],
    closes: true,
  },
  {
    name: 'HTTP/1.0 keep-alive, two requests',
    plan: {
      send: 'GET /readyz HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /livez HTTP/1.0\r\n\r\n',
    },
    targets: ['/readyz', '/livez'],
    statuses: [200, 200],
    closes: true,
  },
  { name: 'HTTP/0.9', plan: { send: 'GET /readyz HTTP/0.9\r\n\r\n' }, targets: ['/readyz'] },
  {
    name: 'HTTP/2.0 in an HTTP/1 request line',
    plan: { send: 'GET /readyz HTTP/2.0\r\n\r\n' },
    targets: ['/readyz'],
  },
  { name: 'no version', plan: { send: 'GET /readyz\r\n\r\n' }, targets: ['/readyz'] },
];

/** Several requests on one socket, written at once. */
export const PIPELINE_ROWS: readonly FuzzRow[] = [
  {
    name: 'six pipelined requests',
    plan: {
      send:
        request('GET', '/readyz') +
        request('HEAD', '/readyz') +
        request('GET', '/livez') +
        request('GET', '/readyz?verbose') +
        request('POST', '/readyz', ['Content-Length: 0']) +
        request('GET', '/readyz/Redis', ['Connection: close']),
      heads: [false, true, false, false, false, false],
    },
    targets: ['/readyz', '/livez', '/readyz?verbose', '/readyz/Redis'],
    statuses: [200, 200, 200, 200, 405, 200],
  },
  {
    name: '50 pipelined GET /readyz',
    plan: { send: request('GET', '/readyz').repeat(49) + request('GET', '/readyz', ['Connection: close']) },
    targets: ['/readyz'],
    statuses: Array.from({ length: 50 }, () => 200),
  },
  {
    name: 'a malformed request between two good ones',
    plan: {
      send: `${request('GET', '/readyz')}GET /readyz HTTP/1.1\r\nBad Header\r\n\r\n${request('GET', '/livez')}`,
    },
    targets: ['/readyz', '/livez'],
    closes: true,
  },
];

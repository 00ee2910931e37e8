// The rows of the cross-adapter conformance table: every row of DESIGN.md "HTTP behaviour (readyz)" and of
// packages/readyz/src/http-table.test.ts, written as the raw request a client sends. Test-only.
import type { RawRequest } from './raw-http.js';

/** Probe names of the table's health; the long ones sit exactly at the engine's limit of 256 UTF-8 bytes. */
export const NAMES = {
  ok: 'Redis',
  failing: 'Kafka',
  spaced: 'orders db',
  longAscii: 'p'.repeat(256),
  longUtf8: 'É'.repeat(128),
} as const;

/** Who answers a row. */
export type RowKind =
  /** readyz: every adapter must answer exactly as `readyz.handle()` does. */
  | 'readyz'
  /** node's HTTP parser refuses the bytes before any adapter runs: every adapter must answer alike. */
  | 'parser'
  /** Not a readyz path: every adapter passes the request on to the host, which answers 404. */
  | 'host';

/** One row: a name, the raw request and who must answer it. */
export interface Row {
  /** What the row shows. */
  name: string;
  /** The request as sent. */
  request: RawRequest;
  /** Who answers. */
  kind: RowKind;
}

const CRLF_SAFE = /^[\x21-\x7e]*$/;

/** `METHOD target HTTP/1.1` with a Host and `Connection: close`, plus `headers`. */
function req(method: string, target: string, headers: readonly string[] = [], body?: Buffer): RawRequest {
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers];
  if (body !== undefined) head.push(`Content-Length: ${body.length}`);
  return body === undefined ? { head } : { head, body };
}

const get = (target: string, headers?: readonly string[]): Row['request'] => req('GET', target, headers);
const readyzRow = (name: string, request: RawRequest): Row => ({ name, request, kind: 'readyz' });

const THREE_MIB = Buffer.alloc(3 * 1024 * 1024, 0x7b); // `{{{…`: not JSON, so a body parser would 400

/** The table. */
export const ROWS: readonly Row[] = [
  // Groups (DESIGN.md table): readiness fails on Kafka, liveness and startup pass.
  ...['/readyz', '/health/ready', '/livez', '/healthz', '/health', '/health/live', '/health/startup'].map(
    (path) => readyzRow(`GET ${path}`, get(path)),
  ),
  readyzRow('HEAD /readyz: the GET headers, no body', req('HEAD', '/readyz')),
  readyzRow('HEAD /livez', req('HEAD', '/livez')),
  readyzRow('a trailing slash answers like the route', get('/readyz/')),
  // One probe.
  readyzRow('GET /readyz/<passing probe>', get(`/readyz/${NAMES.ok}`)),
  readyzRow('GET /readyz/<failing probe>: 503', get(`/readyz/${NAMES.failing}`)),
  readyzRow('GET /readyz/<unknown probe>: 404', get('/readyz/Mongo')),
  readyzRow('GET /readyz/<percent-encoded name>', get(`/readyz/${encodeURIComponent(NAMES.spaced)}`)),
  readyzRow('GET /readyz/<256 ASCII characters>', get(`/readyz/${NAMES.longAscii}`)),
  readyzRow('GET /readyz/<128 × É = 256 UTF-8 bytes>', get(`/readyz/${encodeURIComponent(NAMES.longUtf8)}`)),
  readyzRow('GET /readyz/<257 bytes>: 400, name too long', get(`/readyz/${'p'.repeat(257)}`)),
  readyzRow('HEAD /readyz/<probe>', req('HEAD', `/readyz/${NAMES.ok}`)),
  // Unknown paths under readyz's routes, and beside them.
  readyzRow('GET /readyz/a/b: a name with a slash is unknown', get('/readyz/a/b')),
  readyzRow('GET /readyz/admin/drills/x without admin: an unknown probe', get('/readyz/admin/drills/x')),
  { name: 'GET /readyzz is the host’s', request: get('/readyzz'), kind: 'host' },
  { name: 'GET /health/nope is the host’s', request: get('/health/nope'), kind: 'host' },
  // Query.
  readyzRow('?verbose', get('/readyz?verbose')),
  readyzRow('?verbose=1 on liveness', get('/livez?verbose=1')),
  readyzRow('?exclude=<failing probe>: 200', get(`/readyz?exclude=${NAMES.failing}`)),
  readyzRow('?exclude= repeated, one unknown', get(`/readyz?exclude=${NAMES.failing}&exclude=Nope&verbose`)),
  readyzRow('?exclude= 40 times: over maxExclude', get(`/readyz?${'exclude=x&'.repeat(40)}`)),
  readyzRow('a 5 KiB query: over maxQueryBytes', get(`/readyz?verbose&pad=${'a'.repeat(5000)}`)),
  readyzRow('a malformed query escape', get('/readyz?exclude=%E0%A4%A')),
  // Accept.
  readyzRow('Accept: application/health+json', get('/readyz', ['Accept: application/health+json'])),
  readyzRow(
    'Accept: application/health+json on one probe',
    get(`/readyz/${NAMES.ok}`, ['Accept: application/health+json']),
  ),
  readyzRow('Accept: text/html still answers JSON', get('/readyz', ['Accept: text/html'])),
  // Malformed and over-long.
  readyzRow('bad percent-encoding in the probe name: 400', get('/readyz/%E0%A4%A')),
  readyzRow('a non-hex escape in the probe name: 400', get('/readyz/%ZZ')),
  readyzRow('a truncated escape: 400', get('/readyz/%')),
  readyzRow('an escape that is not UTF-8: 400', get('/readyz/%C3')),
  readyzRow('overlong UTF-8 (%C0%AF): 400', get('/readyz/%C0%AF')),
  readyzRow('a valid escape of a slash: unknown probe', get('/readyz/a%2Fb')),
  readyzRow('an over-long path: 414', get(`/readyz/${'a'.repeat(3000)}`)),
  readyzRow('an encoded control character in the name: 400', get('/readyz/%00')),
  readyzRow('an encoded DEL in the name: 400', get('/readyz/a%7Fb')),
  {
    name: 'a raw control character in the request line: node’s parser',
    request: { head: ['GET /readyz/\x01 HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close'] },
    kind: 'parser',
  },
  readyzRow(
    '200 headers: over maxHeaderCount, 431',
    get(
      '/readyz',
      Array.from({ length: 200 }, (_, i) => `X-Flood-${i}: ${i}`),
    ),
  ),
  // Methods: only GET and HEAD; every other method readyz's 405 with Allow, without reading a body.
  ...['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'QUERY', 'ACL', 'PURGE'].map(
    (method) => readyzRow(`${method} /readyz: 405 with Allow`, req(method, '/readyz')),
  ),
  readyzRow(`PROPFIND /readyz/<probe>: 405`, req('PROPFIND', `/readyz/${NAMES.ok}`)),
  readyzRow(
    'POST with a 3 MiB body that is not JSON: 405, no 413/400',
    req('POST', '/readyz', ['Content-Type: application/json'], THREE_MIB),
  ),
  readyzRow(
    'POST with an unknown content type: 405, no 415',
    req('POST', '/readyz', ['Content-Type: application/x-rollgate'], Buffer.from('x')),
  ),
  readyzRow(
    'QUERY with a body and a content type: 405',
    req('QUERY', `/readyz/${NAMES.ok}`, ['Content-Type: application/json'], Buffer.from('{}')),
  ),
  // HTTP/1.0.
  readyzRow('HTTP/1.0 GET /readyz without Host', { head: ['GET /readyz HTTP/1.0'] }),
  readyzRow('HTTP/1.0 HEAD /livez', { head: ['HEAD /livez HTTP/1.0'] }),
];

/** The request line's parts and the headers as node:http hands them to a handler (lower-case names). */
export function parsedRequest(request: RawRequest): {
  method: string;
  target: string;
  headers: Record<string, string>;
} {
  const [line = '', ...rest] = request.head;
  const [method = '', target = ''] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const header of rest) {
    const colon = header.indexOf(':');
    const name = header.slice(0, colon).trim().toLowerCase();
    if (!CRLF_SAFE.test(name)) throw new Error(`bad header name in a row: ${name}`);
    headers[name] = header.slice(colon + 1).trim();
  }
  return { method, target, headers };
}

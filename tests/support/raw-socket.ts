// Raw bytes over a real socket and the answers as the server wrote them, several per connection (pipelining):
// no client library normalises a method, a target or an HTTP version on the way, and a malformed request line
// reaches the server's parser as written.
import { connect } from 'node:net';

/** One response read off the socket. */
export interface RawResponse {
  /** `1.1` or `1.0`. */
  readonly version: string;
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, de-chunked, as latin1 text (byte-exact for the echo checks). */
  readonly body: string;
}

/** How one connection ended. */
export interface RawExchange {
  /** Every complete response, in order. */
  readonly responses: readonly RawResponse[];
  /** The server closed (or reset) the connection. */
  readonly closedByServer: boolean;
  /** Neither the expected responses nor a close arrived within the bound. */
  readonly timedOut: boolean;
  readonly elapsedMs: number;
  /** Bytes that did not parse as an HTTP response, if any. */
  readonly garbage?: string;
}

/** What to do on one connection. */
export interface RawPlan {
  /** Bytes to send, at once. */
  readonly send: string | Buffer;
  /** Stop (and close our side) after this many complete responses; by default wait for the server to close. */
  readonly expect?: number;
  /** Per expected response, whether it answers a HEAD (no body follows its headers). */
  readonly heads?: readonly boolean[];
  /** Close our side after this many ms (an aborted request); the exchange ends there. */
  readonly abortAfterMs?: number;
  /** Close our side as soon as the first response bytes arrive (an aborted response). */
  readonly abortOnFirstByte?: boolean;
  /** The bound: an exchange still open after this long has timed out (default 5000 ms). */
  readonly timeoutMs?: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

type Parsed = { response: RawResponse; used: number } | 'incomplete';

/** Parses one response at the start of `data`; `closed` lets a length-less body end at the close. */
function parseOne(data: Buffer, head: boolean, closed: boolean): Parsed {
  const end = data.indexOf(HEAD_END);
  if (end < 0) return 'incomplete';
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/(\d\.\d) (\d{3})/.exec(statusLine);
  if (match === null) throw new Error(`not a status line: ${JSON.stringify(statusLine.slice(0, 200))}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const status = Number(match[2]);
  const start = end + HEAD_END.length;
  const response = (body: string): RawResponse => ({ version: match[1] ?? '', status, headers, body });
  if (head || status === 204 || status === 304 || status < 200)
    return { response: response(''), used: start };
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    let at = start;
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = data.indexOf('\r\n', at);
      if (lineEnd < 0) return 'incomplete';
      const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      if (lineEnd + 2 + size + 2 > data.length) return 'incomplete';
      if (size === 0) {
        return { response: response(Buffer.concat(parts).toString('latin1')), used: lineEnd + 4 };
      }
      parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const bytes = Number(length);
    if (data.length < start + bytes) return 'incomplete';
    return {
      response: response(data.subarray(start, start + bytes).toString('latin1')),
      used: start + bytes,
    };
  }
  if (!closed) return 'incomplete';
  return { response: response(data.subarray(start).toString('latin1')), used: data.length };
}

/** Runs one connection to 127.0.0.1:`port` as `plan` says; never rejects (a reset is a close). */
export function rawExchange(port: number, plan: RawPlan): Promise<RawExchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const responses: RawResponse[] = [];
    let buffered = Buffer.alloc(0);
    let done = false;
    let garbage: string | undefined;
    const finish = (closedByServer: boolean, timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (abortTimer !== undefined) clearTimeout(abortTimer);
      socket.destroy();
      resolve({ responses, closedByServer, timedOut, elapsedMs: performance.now() - started, garbage });
    };
    const drain = (closed: boolean) => {
      for (;;) {
        if (buffered.length === 0 || garbage !== undefined) return;
        let parsed: Parsed;
        try {
          parsed = parseOne(buffered, plan.heads?.[responses.length] === true, closed);
        } catch (error) {
          garbage = `${String(error)}: ${buffered.subarray(0, 200).toString('latin1')}`;
          return;
        }
        if (parsed === 'incomplete') return;
        responses.push(parsed.response);
        buffered = buffered.subarray(parsed.used);
      }
    };
    const timer = setTimeout(() => finish(false, true), plan.timeoutMs ?? 5_000);
    const abortTimer =
      plan.abortAfterMs === undefined ? undefined : setTimeout(() => finish(false, false), plan.abortAfterMs);
    socket.on('data', (chunk: Buffer) => {
      if (plan.abortOnFirstByte) return finish(false, false);
      buffered = Buffer.concat([buffered, chunk]);
      drain(false);
      if (plan.expect !== undefined && responses.length >= plan.expect) finish(false, false);
    });
    socket.on('error', () => {}); // a reset after the server answered: 'close' follows
    socket.on('close', () => {
      drain(true);
      finish(true, false);
    });
    socket.on('connect', () => socket.write(plan.send));
  });
}

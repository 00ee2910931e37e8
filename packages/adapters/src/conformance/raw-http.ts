// One request as raw bytes over a real socket, and the answer as the server wrote it: no client library
// normalises a method, a path or an HTTP version on the way. The conformance table's shape of the workspace's raw
// client (tests/support/raw-socket.ts, which the reliability suite drives with pipelining and aborts). Test-only;
// no entry point imports it.
import { type RawResponse, rawExchange } from '../../../../tests/support/index.js';

/** An answer read off the socket; its body decoded as UTF-8. */
export type RawAnswer = RawResponse;

/** What to send: the request head (without the final empty line) and an optional body. */
export interface RawRequest {
  /** Request line and header lines, e.g. `['GET /readyz HTTP/1.1', 'Host: x']`. */
  head: readonly string[];
  /** Body bytes sent after the head. */
  body?: Buffer;
}

/**
 * Sends `request` on a fresh connection to 127.0.0.1:`port` and reads its one answer. A server may answer before
 * reading a large body and close while it is still being written; whatever arrived before the reset is the answer.
 */
export async function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  const head = Buffer.from(`${request.head.join('\r\n')}\r\n\r\n`, 'latin1');
  const exchange = await rawExchange(port, {
    send: request.body === undefined ? head : Buffer.concat([head, request.body]),
    expect: 1,
    heads: [/^HEAD /.test(request.head[0] ?? '')],
    timeoutMs,
  });
  const [answer] = exchange.responses;
  if (answer === undefined) {
    const why = exchange.timedOut
      ? 'no answer in time'
      : 'the server closed the connection without an answer';
    throw new Error(exchange.garbage ?? why);
  }
  return { ...answer, body: Buffer.from(answer.body, 'latin1').toString('utf8') };
}

// One request as raw bytes over a real socket, and the answer as the server wrote it: no client library
// normalises a method, a path or an HTTP version on the way. Test-only; no entry point imports it.
import { connect } from 'node:net';

/** An answer read off the socket. */
export interface RawAnswer {
  /** HTTP version of the status line (`1.1`, `1.0`). */
  version: string;
  /** Status code. */
  status: number;
  /** Headers, lower-case names; a repeated header keeps its values joined by `, `. */
  headers: Record<string, string>;
  /** Body bytes as text, de-chunked. */
  body: string;
}

/** What to send: the request head (without the final empty line) and an optional body. */
export interface RawRequest {
  /** Request line and header lines, e.g. `['GET /readyz HTTP/1.1', 'Host: x']`. */
  head: readonly string[];
  /** Body bytes sent after the head. */
  body?: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Sends `request` on a fresh connection to 127.0.0.1:`port` and reads until the server closes it (the
 * requests ask for `Connection: close`, or speak HTTP/1.0). A server may answer before reading a large body
 * and close while it is still being written; whatever arrived before the reset is the answer.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const received = Buffer.concat(chunks);
      if (received.length === 0) {
        reject(error ?? new Error('the server closed the connection without an answer'));
        return;
      }
      try {
        resolve(parseAnswer(received));
      } catch (parseError) {
        reject(parseError);
      }
    };
    const timer = setTimeout(() => finish(new Error('no answer in time')), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error) => finish(error));
    socket.write(`${request.head.join('\r\n')}\r\n\r\n`, 'latin1');
    if (request.body !== undefined) socket.write(request.body, () => {});
  });
}

/** Parses one HTTP/1.x answer (status line, headers, body by Content-Length, chunks or close). */
export function parseAnswer(bytes: Buffer): RawAnswer {
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd === -1) throw new Error(`no complete answer head: ${bytes.toString('latin1').slice(0, 200)}`);
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/(\d\.\d) (\d{3})/.exec(statusLine);
  if (!status) throw new Error(`not a status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = bytes.subarray(headEnd + HEAD_END.length);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') body = dechunk(body);
  else if (headers['content-length'] !== undefined)
    body = body.subarray(0, Number(headers['content-length']));
  return { version: status[1] ?? '', status: Number(status[2]), headers, body: body.toString('utf8') };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

// Reading a request body up to a byte bound, then as JSON. A body past the bound is refused before it is
// buffered (413), and a stalled body is cut by the request's deadline, not waited on.
import type { IncomingMessage } from 'node:http';

/** A body read, or why not (`status` is the answer to give). */
export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads and parses a JSON body of at most `maxBytes`; an empty body is `undefined`. */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ ok: false, status: 413, message: `body larger than ${maxBytes} bytes` });
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type) && declared !== 0)
    return Promise.resolve({
      ok: false,
      status: 415,
      message: `expected application/json, got ${type.slice(0, 80)}`,
    });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle({ ok: false, status: 413, message: `body larger than ${maxBytes} bytes` });
        // Stop reading; the connection is closed after the answer.
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.once('error', () =>
      settle({ ok: false, status: 400, message: 'the request body could not be read' }),
    );
    req.once('end', () => {
      const text = Buffer.concat(chunks, size).toString('utf8');
      if (text.trim() === '') return settle({ ok: true, value: undefined });
      try {
        settle({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        settle({ ok: false, status: 400, message: 'the body is not JSON' });
      }
    });
  });
}

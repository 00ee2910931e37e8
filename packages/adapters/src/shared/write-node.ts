import type { ServerResponse } from 'node:http';
import type { ReadyzResponse } from '@rollgate/readyz';

/** Writes a readyz answer on a node:http response (Express' `res` is one). */
export function writeNodeResponse(res: ServerResponse, answer: ReadyzResponse): void {
  // The client may have gone, or the host answered meanwhile: nothing left to write to.
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadyzRequest } from '@rollgate/readyz';
import { ask, peerReader, type RollgateAdapterOptions, readyzFor } from '../shared/readyz.js';
import { writeNodeResponse } from '../shared/write-node.js';

/**
 * A node:http request handler for readyz's routes. Called with any request, it returns:
 * - `false`, synchronously, when the path is not a readyz route: nothing was written, answer it yourself;
 * - a promise resolving `true` once the readyz answer has been written (it never rejects).
 *
 * A promise is truthy, so `if (!rollgate(req, res)) app(req, res)` routes everything else on.
 */
export type RollgateNodeHandler = (req: IncomingMessage, res: ServerResponse) => false | Promise<true>;

// Resolved once: a promise that is only ever read can be shared by every answer written at once.
const WRITTEN: Promise<true> = Promise.resolve(true);

/** Options of `rollgateNode()`: the health plus any `createReadyz()` option (prefix, paths, details, metrics, …). */
export type RollgateNodeOptions = RollgateAdapterOptions;

/**
 * Creates the node:http handler. Registering never runs a probe.
 *
 * @example
 * const rollgate = rollgateNode({ health });
 * http.createServer((req, res) => {
 *   if (!rollgate(req, res)) app(req, res);
 * });
 */
export function rollgateNode(options: RollgateNodeOptions): RollgateNodeHandler {
  const readyz = readyzFor('rollgateNode', options);
  const peer = peerReader(options);
  return (req, res) => {
    const path = req.url ?? '/';
    if (!readyz.matches(path)) return false;
    const request: ReadyzRequest = { method: req.method ?? 'GET', path, headers: req.headers };
    if (peer !== undefined) request.remoteAddress = peer(req.socket);
    // A cached answer is written in this tick: no promise to wait on, nothing left for later.
    const now = readyz.answerNow(request);
    if (now !== undefined) {
      writeNodeResponse(res, now);
      return WRITTEN;
    }
    return ask(readyz, request).then((answer) => {
      writeNodeResponse(res, answer);
      return true as const;
    });
  };
}

/** Same as {@link rollgateNode}. */
export const createNodeHandler: typeof rollgateNode = rollgateNode;

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadyzRequest } from '@rollgate/readyz';
import { ask, peerReader, type RollgateAdapterOptions, readyzFor } from '../shared/readyz.js';
import { writeNodeResponse } from '../shared/write-node.js';

/**
 * An Express router for readyz's routes: answers them, calls `next()` for every other path. It is a
 * plain `(req, res, next)` middleware rather than `express.Router()`, so this module never loads
 * express and the same router mounts on Express 4 and 5 alike (`app.use()` and `router.use()` take it,
 * with or without a mount path). Its answers are written directly, always JSON: no error ever reaches
 * Express' default (HTML) error handler.
 */
export type RollgateExpressRouter = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Options of `rollgateExpress()`: the health plus any `createReadyz()` option (prefix, paths, details, metrics, …). */
export type RollgateExpressOptions = RollgateAdapterOptions;

/**
 * Creates the Express router. Creating it never runs a probe.
 *
 * @example
 * app.use(rollgateExpress({ health }));              // /readyz, /livez, /healthz, /health…
 * app.use('/ops', rollgateExpress({ health }));      // /ops/readyz, …
 */
export function rollgateExpress(options: RollgateExpressOptions): RollgateExpressRouter {
  const readyz = readyzFor('rollgateExpress', options);
  const peer = peerReader(options);
  return function rollgateRouter(req, res, next) {
    // Express hands a mounted middleware the URL below its mount path, query string included.
    const path = req.url ?? '/';
    if (!readyz.matches(path)) {
      next();
      return;
    }
    const request: ReadyzRequest = { method: req.method ?? 'GET', path, headers: req.headers };
    if (peer !== undefined) request.remoteAddress = peer(req.socket);
    // A cached answer is written in this tick; anything else once readyz has it.
    const now = readyz.answerNow(request);
    if (now !== undefined) writeNodeResponse(res, now);
    else void ask(readyz, request).then((answer) => writeNodeResponse(res, answer));
  };
}

import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A Fastify instance, as far as shutdown is concerned: its server and its `close()`. */
export interface FastifyLike {
  /** The node:http server underneath. */
  readonly server: Server;
  /** Closes the app: stops listening, waits for in-flight requests, runs onClose hooks. */
  close(): PromiseLike<unknown>;
}

/** What `installShutdown()` can stop: a node:http(s) server (Express' `app.listen()` returns one) or a Fastify app. */
export type ShutdownTarget = Server | FastifyLike;

function isFastify(target: ShutdownTarget): target is FastifyLike {
  // A Fastify instance holds its node:http server in `server`; a node:http server has no such property.
  return (
    'server' in target &&
    typeof target.server === 'object' &&
    target.server !== null &&
    !('closeAllConnections' in target)
  );
}

/** The node:http server of a target. */
export function serverOf(target: ShutdownTarget): Server {
  return isFastify(target) ? target.server : target;
}

/**
 * From now on every response carries `Connection: close`, so keep-alive clients (pinned to this pod,
 * whatever the load balancer decides) finish their request and reconnect elsewhere. Returns a
 * function that undoes it.
 */
export function closeConnectionsAfterResponse(server: Server): () => void {
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.prependListener('request', onRequest);
  return () => server.off('request', onRequest);
}

/** How often idle keep-alive connections are closed while waiting for in-flight requests. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections and resolves once every in-flight request has finished and every
 * connection is closed. Idle keep-alive connections are closed at once, and again every 100 ms, since
 * a request that was in flight when the signal came keeps its connection open after it answers.
 */
export async function stopServer(target: ShutdownTarget): Promise<void> {
  const server = serverOf(target);
  const sweep = setInterval(() => server.closeIdleConnections?.(), IDLE_SWEEP_MS);
  try {
    if (isFastify(target)) {
      // Fastify's close() stops the listener, waits for in-flight requests and runs its onClose hooks.
      const closing = target.close();
      server.closeIdleConnections?.();
      await closing;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      server.close((error) => {
        // Already closed (or never listening) is what we wanted anyway.
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
        else resolve();
      });
      server.closeIdleConnections?.();
    });
  } finally {
    clearInterval(sweep);
  }
}

import type { Health } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { resolveShutdownOptions, type ShutdownOptions } from './options.js';
import { closeConnectionsAfterResponse, type ShutdownTarget, serverOf, stopServer } from './server.js';

/** What shutdown needs from the health: start draining, then close. */
export type DrainableHealth = Pick<Health, 'beginDrain' | 'close'>;

// Time kept back from the emitters' drain for the hooks and the exit itself.
const EMITTER_MARGIN_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Graceful shutdown for a node:http server or a Fastify app. On the first of `signals`:
 * 1. `health.beginDrain()`: readiness answers 503 at once (liveness stays 200), and every response
 *    from now on carries `Connection: close`, so keep-alive clients reconnect elsewhere;
 * 2. wait `drainDelayMs` while still serving everything, so load balancers notice;
 * 3. stop accepting connections, let in-flight requests finish, close idle keep-alive connections;
 * 4. `health.close()`, then every emitter's `close()` (its queues drained, or dead-lettered when time runs
 *    out), then the `onShutdown` hooks in order;
 * 5. `exit(0)`, or `exit(1)` if a step failed. Whatever is still running at `timeoutMs` after the
 *    signal, every connection is closed and `exit(1)` is called.
 * Repeated signals are ignored. Returns a function that removes the signal handlers again.
 *
 * @example
 * const server = app.listen(8080);
 * installShutdown(server, health, { drainDelayMs: 5_000, timeoutMs: 25_000, onShutdown: () => pool.end() });
 */
export function installShutdown(
  target: ShutdownTarget,
  health: DrainableHealth,
  options: ShutdownOptions = {},
): () => void {
  const config = resolveShutdownOptions(options);
  const server = target === null || typeof target !== 'object' ? undefined : serverOf(target);
  if (server === undefined || typeof server.close !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION',
      'target',
      'expected a node:http server or a Fastify app',
    );
  }
  if (typeof health?.beginDrain !== 'function' || typeof health.close !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION',
      'health',
      'pass the Health from createHealth()',
    );
  }
  const { logger } = config;
  let started = false;
  let finished = false;
  let forceTimer: ReturnType<typeof setTimeout> | undefined;
  let undoConnectionClose: (() => void) | undefined;

  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    clearTimeout(forceTimer);
    undoConnectionClose?.();
    uninstall();
    config.exit(code);
  };

  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) {
      logger?.info({ signal }, 'shutdown already in progress; signal ignored');
      return;
    }
    started = true;
    const since = performance.now();
    forceTimer = setTimeout(() => {
      logger?.error({ signal, timeoutMs: config.timeoutMs }, 'shutdown timed out; closing every connection');
      server.closeAllConnections?.();
      finish(1);
    }, config.timeoutMs);

    let code = 0;
    try {
      health.beginDrain();
    } catch (error) {
      code = 1;
      logger?.error({ signal, error }, 'health.beginDrain() failed');
    }
    undoConnectionClose = closeConnectionsAfterResponse(server);
    logger?.info({ signal, drainDelayMs: config.drainDelayMs }, 'draining: readiness answers 503');
    await sleep(config.drainDelayMs);

    try {
      await stopServer(target);
      logger?.info(
        { signal, ms: Math.round(performance.now() - since) },
        'server closed; in-flight requests finished',
      );
    } catch (error) {
      code = 1;
      logger?.error({ signal, error }, 'closing the server failed');
    }
    try {
      await health.close();
    } catch (error) {
      code = 1;
      logger?.error({ signal, error }, 'health.close() failed');
    }
    // Leave the emitters all the time there is, less a margin, so they hand what is left to their dead-letter
    // hook themselves instead of being cut off by the forced exit.
    const left = Math.max(0, config.timeoutMs - (performance.now() - since) - EMITTER_MARGIN_MS);
    const drained = await Promise.allSettled(
      config.emitters.map((emitter) => emitter.close({ timeoutMs: left })),
    );
    for (const [index, result] of drained.entries()) {
      if (result.status === 'rejected') {
        code = 1;
        logger?.error({ signal, emitter: index, error: result.reason }, 'emitter close() failed');
      }
    }
    for (const [index, hook] of config.hooks.entries()) {
      try {
        await hook(signal);
      } catch (error) {
        code = 1;
        logger?.error({ signal, hook: index, error }, 'shutdown hook failed');
      }
    }
    finish(code);
  };

  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const signal of config.signals) {
    const handler = () => void shutdown(signal);
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  function uninstall(): void {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    handlers.clear();
  }
  return uninstall;
}

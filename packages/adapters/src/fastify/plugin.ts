import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, LogLevel } from 'fastify';
import fp from 'fastify-plugin';
import { ask, type RollgateAdapterOptions, readyzFor } from '../shared/readyz.js';

/** Options of the Fastify plugin: the health, any `createReadyz()` option, and request logging. */
export interface RollgateFastifyOptions extends RollgateAdapterOptions {
  /**
   * Mount readyz's routes under this path. Fastify ignores `prefix` for plugins wrapped in
   * fastify-plugin, so the plugin applies it itself (on top of any prefix of the enclosing context).
   */
  prefix?: string;
  /** Log level of readyz's routes (default `'silent'`: kubelet probes stay out of the host's request log). */
  logLevel?: LogLevel;
  /** `false` keeps the host's own log level for readyz's routes (default true); ignored when `logLevel` is set. */
  disableRequestLogging?: boolean;
}

// Every method is routed to readyz so that it, not Fastify's 404, answers the ones it refuses (405).
const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

async function rollgatePlugin(app: FastifyInstance, options: RollgateFastifyOptions): Promise<void> {
  const { logLevel, disableRequestLogging = true, ...adapterOptions } = options;
  const readyz = readyzFor('rollgateFastify', adapterOptions);
  // Fastify adds the enclosing context's prefix to every route registered here; readyz's paths do not
  // carry it, so it is stripped again before asking readyz.
  const contextPrefix = app.prefix;
  const level = logLevel ?? (disableRequestLogging ? 'silent' : undefined);

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.startsWith(contextPrefix)
      ? request.url.slice(contextPrefix.length) || '/'
      : request.url;
    const answer = await ask(readyz, { method: request.method, path, headers: request.headers });
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  };

  for (const route of readyz.routes) {
    app.route({
      method: METHODS,
      url: route.pattern,
      handler,
      ...(level === undefined ? {} : { logLevel: level }),
    });
  }
}

/**
 * The Fastify plugin (Fastify 4 and 5). Registers readyz's routes (`/readyz`, `/livez`, `/healthz`,
 * `/health`, `/health/*`, `/readyz/:probe`, and `/metrics` when enabled), which show in
 * `printRoutes()`. Registering never runs a probe, so `app.ready()` never waits on a dependency.
 *
 * @example
 * await app.register(rollgateFastify, { health });
 * await app.register(rollgateFastify, { health, prefix: '/ops', details: 'never' });
 */
export const rollgateFastify = fp(rollgatePlugin, {
  fastify: '4.x || 5.x',
  name: '@rollgate/adapters/fastify',
});

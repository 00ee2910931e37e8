import { rejectUnknownOptions } from '@rollgate/core';
import type { ReadyzRequest } from '@rollgate/readyz';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
  LogLevel,
  RegisterOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import {
  ADAPTER_OPTION_KEYS,
  ask,
  peerReader,
  type RollgateAdapterOptions,
  readyzFor,
} from '../shared/readyz.js';

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

// Every key the plugin accepts: the adapters' own, its logging switches, and the keys Fastify's
// `register()` takes for any plugin (`prefix`, `logLevel`, `logSerializers`), which reach the plugin's
// options as given. The Record lists each key not already an adapter option exactly once.
const FASTIFY_OPTION_KEYS: readonly string[] = [
  ...ADAPTER_OPTION_KEYS,
  ...Object.keys({
    logLevel: true,
    disableRequestLogging: true,
    logSerializers: true,
  } satisfies Record<
    Exclude<keyof (RollgateFastifyOptions & RegisterOptions), keyof RollgateAdapterOptions>,
    true
  >),
];

// Every method is routed to readyz so that it, not Fastify's 404, answers the ones it refuses (405).
const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

async function rollgatePlugin(app: FastifyInstance, options: RollgateFastifyOptions): Promise<void> {
  rejectUnknownOptions(options, FASTIFY_OPTION_KEYS, 'rollgateFastify');
  const {
    logLevel,
    disableRequestLogging = true,
    logSerializers: _fastifyOnly,
    ...adapterOptions
  } = (options ?? {}) as RollgateFastifyOptions & RegisterOptions;
  const readyz = readyzFor('rollgateFastify', adapterOptions as RollgateAdapterOptions);
  // The socket's peer, not request.ip: with trustProxy, request.ip comes from X-Forwarded-For, which a client writes.
  const peer = peerReader(adapterOptions as RollgateAdapterOptions);
  // Fastify adds the enclosing context's prefix to every route registered here; readyz's paths do not
  // carry it, so it is stripped again before asking readyz.
  const contextPrefix = app.prefix;
  const level = logLevel ?? (disableRequestLogging ? 'silent' : undefined);

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.startsWith(contextPrefix)
      ? request.url.slice(contextPrefix.length) || '/'
      : request.url;
    const asked: ReadyzRequest = { method: request.method, path, headers: request.headers };
    if (peer !== undefined) asked.remoteAddress = peer(request.socket);
    const answer = await ask(readyz, asked);
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
 * `printRoutes()`. Registering never runs a probe, so `app.ready()` never waits on a dependency. An unknown
 * option key fails registration (`ROLLGATE_ERR_UNKNOWN_OPTION`); Fastify's own register keys are accepted.
 *
 * @example
 * await app.register(rollgateFastify, { health });
 * await app.register(rollgateFastify, { health, prefix: '/ops', details: 'never' });
 */
export const rollgateFastify = fp(rollgatePlugin, {
  fastify: '4.x || 5.x',
  name: '@rollgate/adapters/fastify',
});

import { rejectUnknownOptions, rollgateError } from '@rollgate/core';
import type { ReadyzRequest, ReadyzResponse } from '@rollgate/readyz';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
  LogLevel,
  RegisterOptions,
  RouteShorthandOptions,
} from 'fastify';
import {
  ADAPTER_OPTION_KEYS,
  ask,
  peerReader,
  type RollgateAdapterOptions,
  readyzFor,
} from '../shared/readyz.js';
import { writeNodeResponse } from '../shared/write-node.js';
import { hasMalformedEscape, type RequestEmitter, takeRequests } from './bad-url.js';

/** Options of the Fastify plugin: the health, any `createReadyz()` option, and request logging. */
export interface RollgateFastifyOptions extends RollgateAdapterOptions {
  /**
   * Mount readyz's routes under this path. Fastify ignores `prefix` for a plugin that skips encapsulation
   * (`skip-override`, as fastify-plugin sets it), so the plugin applies it itself (on top of any prefix of the
   * enclosing context).
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

/**
 * The Fastify pattern of a readyz route. find-my-way refuses a `:param` longer than its `maxParamLength` (100
 * by default) with a 414 that echoes the URL, while probe names go up to the engine's limit; a wildcard has no
 * such cap, and readyz decodes and bounds the name itself.
 */
function fastifyPattern(pattern: string): string {
  return pattern.endsWith('/:probe') ? `${pattern.slice(0, -':probe'.length)}*` : pattern;
}

/** Sends readyz's answer with exactly readyz's headers. */
function send(reply: FastifyReply, answered: ReadyzResponse): FastifyReply {
  // Fastify appends `; charset=utf-8` to a string body's content type when it names none
  // (`application/health+json`); a Buffer is sent as readyz wrote it.
  const contentType = answered.headers['content-type'];
  const body =
    contentType === undefined || contentType.includes('charset') ? answered.body : Buffer.from(answered.body);
  return reply.code(answered.status).headers(answered.headers).send(body);
}

const PLUGIN_NAME = '@rollgate/adapters/fastify';

async function rollgatePlugin(app: FastifyInstance, options: RollgateFastifyOptions): Promise<void> {
  rejectUnknownOptions(options, FASTIFY_OPTION_KEYS, 'rollgateFastify');
  const {
    logLevel,
    disableRequestLogging = true,
    logSerializers: _fastifyOnly,
    ...adapterOptions
  } = (options ?? {}) as RollgateFastifyOptions & RegisterOptions;
  // Wrong-typed logging switches would otherwise reach Fastify as given: a string `'false'` is truthy.
  if (typeof disableRequestLogging !== 'boolean') {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'rollgateFastify disableRequestLogging',
      'expected a boolean',
    );
  }
  if (logLevel !== undefined && (typeof logLevel !== 'string' || logLevel.length === 0)) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'rollgateFastify logLevel',
      'expected a log level name',
    );
  }
  const readyz = readyzFor('rollgateFastify', adapterOptions as RollgateAdapterOptions);
  // The socket's peer, not request.ip: with trustProxy, request.ip comes from X-Forwarded-For, which a client writes.
  const peer = peerReader(adapterOptions as RollgateAdapterOptions);
  // Fastify adds the enclosing context's prefix to every route registered here; readyz's paths do not
  // carry it, so it is stripped again before asking readyz.
  const contextPrefix = app.prefix;
  // undefined for a URL outside the context: not readyz's, whatever its tail looks like.
  const readyzPath = (url: string): string | undefined =>
    url.startsWith(contextPrefix) ? url.slice(contextPrefix.length) || '/' : undefined;
  const isReadyzUrl = (url: string): boolean => {
    const path = readyzPath(url);
    return path !== undefined && readyz.matches(path);
  };

  const askedOf = (request: FastifyRequest): ReadyzRequest => {
    const asked: ReadyzRequest = {
      method: request.method,
      path: readyzPath(request.url) ?? request.url,
      headers: request.headers,
    };
    if (peer !== undefined) asked.remoteAddress = peer(request.socket);
    return asked;
  };
  // Called from a hook or the route: a cached answer is sent in this tick (no promise), anything else once
  // readyz has it. Fastify stops the hook chain once the reply is sent.
  const answer = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined => {
    const asked = askedOf(request);
    const now = readyz.answerNow(asked);
    if (now !== undefined) {
      send(reply, now);
      return undefined;
    }
    return ask(readyz, asked).then((answered) => send(reply, answered));
  };

  // readyz answers from `onRequest`, the first step after routing: Fastify has not read, parsed or bounded a
  // body yet, so a POST is readyz's 405 without a 415, 400 or 413 from a content-type parser first. The
  // handler is never reached; it answers the same should a host hook ever let the request through.
  const routeOptions: RouteShorthandOptions = { onRequest: answer };
  const level = logLevel ?? (disableRequestLogging ? 'silent' : undefined);
  if (level !== undefined) routeOptions.logLevel = level;
  for (const route of readyz.routes) {
    // `all()` routes every method this Fastify major can route (Fastify 5's `supportedMethods`, with any the
    // host added through `addHttpMethod` before this plugin; Fastify 4's fixed list), so readyz answers them.
    app.all(fastifyPattern(route.pattern), { ...routeOptions }, answer); // a copy each: Fastify may keep it
  }

  // A method Fastify cannot route on readyz's paths (PROPFIND, ACL… on Fastify 5 unless added) lands in the
  // not-found handler, which runs the onRequest hooks of its context: this one, as the plugin skips encapsulation.
  // Every other route of the host pays one property read here; the host's 404 for other paths is untouched.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.is404 || !isReadyzUrl(request.url)) {
      done();
      return;
    }
    void answer(request, reply);
  });

  // Fastify answers two kinds of request before any route or hook of this plugin runs: a path whose escapes do
  // not decode (find-my-way's 400 FST_ERR_BAD_URL, echoing the path; see bad-url.ts), and a method it cannot
  // route outside the not-found context above (QUERY on Fastify 4, whose fallback runs no hook; PROPFIND… on
  // Fastify 5 for a plugin mounted in a child context). On readyz's paths those are taken from the server first
  // and answered by readyz. The host's requests pay a Set lookup and an indexOf('%').
  let routable: ReadonlySet<string> | undefined;
  const firstRoute = readyz.routes[0];
  app.addHook('onReady', async () => {
    // Known once Fastify is ready: a host may add methods (addHttpMethod) until then. node:http is loaded here
    // (the host's Fastify has loaded it by now), so importing the plugin costs no builtin.
    if (firstRoute !== undefined) {
      const { METHODS } = await import('node:http');
      const url = contextPrefix + fastifyPattern(firstRoute.pattern);
      routable = new Set(METHODS.filter((method) => app.hasRoute({ method: method as HTTPMethods, url })));
    }
  });
  takeRequests(app.server as unknown as RequestEmitter, (req, res) => {
    const { url, method } = req;
    if (url === undefined || method === undefined) return false;
    if (routable?.has(method) !== false && !hasMalformedEscape(url)) return false;
    if (!isReadyzUrl(url)) return false;
    const asked: ReadyzRequest = { method, path: readyzPath(url) ?? url, headers: req.headers };
    if (peer !== undefined) asked.remoteAddress = peer(req.socket);
    void ask(readyz, asked).then((answered) => writeNodeResponse(res, answered));
    return true;
  });
}

/**
 * The Fastify plugin (Fastify 4 and 5). Registers readyz's routes (`/readyz`, `/livez`, `/healthz`,
 * `/health`, `/health/*`, `/readyz/*` for one probe, and `/metrics` when enabled) for every method, which show
 * in `printRoutes()`, and answers them as readyz's `handle()` does, without reading a request body. Registering never runs a probe, so `app.ready()` never waits on a dependency. An unknown
 * option key fails registration (`ROLLGATE_ERR_UNKNOWN_OPTION`); Fastify's own register keys are accepted.
 *
 * @example
 * await app.register(rollgateFastify, { health });
 * await app.register(rollgateFastify, { health, prefix: '/ops', details: 'never' });
 */
export const rollgateFastify: typeof rollgatePlugin = Object.assign(rollgatePlugin, {
  // The three properties fastify-plugin would set, written here so importing the plugin loads no CommonJS
  // package (that cost ~6 ms of a cold start). Fastify reads them itself: `skip-override` shares the host's
  // context, `plugin-meta` names the plugin (`hasPlugin`, dependency checks) and declares the Fastify majors,
  // which Fastify checks against its own version at register.
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: PLUGIN_NAME,
  [Symbol.for('plugin-meta')]: { fastify: '4.x || 5.x', name: PLUGIN_NAME },
});

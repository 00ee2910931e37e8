// Requests Fastify answers before any route, hook or plugin runs, and how the plugin takes those on readyz's
// paths first. find-my-way decodes the whole path before it routes and answers a path whose percent-escapes do not
// decode itself: a 400 `FST_ERR_BAD_URL` that echoes the path (only the host's `frameworkErrors` option reaches
// it). A method Fastify cannot route outside a not-found context holding the plugin's hook (QUERY on Fastify 4)
// is Fastify's 404. For readyz's paths the plugin takes such requests off the server, so readyz answers them as
// it answers every other adapter's.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A node:http-like server: what `app.server` is for Fastify over http, https or http2's compatibility API. */
export interface RequestEmitter {
  listeners(event: 'request'): ((...args: never[]) => unknown)[];
  removeListener(event: 'request', listener: (...args: never[]) => unknown): unknown;
  on(event: 'request', listener: (req: IncomingMessage, res: ServerResponse) => void): unknown;
}

/** True when the path of `url` (before any `?`) holds a percent-escape that does not decode as UTF-8. */
export function hasMalformedEscape(url: string): boolean {
  const percent = url.indexOf('%');
  if (percent === -1) return false;
  const query = url.indexOf('?');
  if (query !== -1 && query < percent) return false;
  try {
    decodeURIComponent(query === -1 ? url : url.slice(0, query));
    return false;
  } catch {
    return true;
  }
}

/**
 * Puts `take` in front of each `request` listener of `server` (Fastify's own): a request it returns true for is
 * its to answer, and Fastify never sees it; any other goes on to Fastify untouched. Every request of the host
 * pays one call and, through `hasMalformedEscape`, one `indexOf('%')`. `app.inject()` calls Fastify's handler
 * directly, so only requests over a socket pass here.
 */
export function takeRequests(
  server: RequestEmitter,
  take: (req: IncomingMessage, res: ServerResponse) => boolean,
): void {
  for (const listener of server.listeners('request')) {
    const fastify = listener as unknown as (req: IncomingMessage, res: ServerResponse) => void;
    server.removeListener('request', listener);
    server.on('request', function takeReadyzRequest(this: unknown, req, res) {
      if (!take(req, res)) fastify.call(this, req, res);
    });
  }
}

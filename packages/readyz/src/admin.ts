// The drill admin route: `<admin>/drills/<probe>` starts (POST), ends (DELETE) or describes (GET) a failure drill
// on a registered probe through `health.simulate()`. Off unless `options.admin` is set; every request is refused
// before anything else unless its peer is loopback (or `allowRemote`) and it carries the bearer token.
import {
  type Health,
  isRollgateError,
  MAX_DRILL_LATENCY_MS,
  MAX_DRILL_MS,
  type SimulationOptions,
} from '@rollgate/core';
import { bearerMatches, isLoopback, type ResolvedAdmin } from './admin-access.js';
import { type ReadyzRequestError, requestError } from './errors.js';
import { readHeaders } from './headers.js';
import { decodeProbe } from './probe-name.js';
import { parseParams } from './query.js';
import { JSON_CONTENT_TYPE, respond, respondError } from './response.js';
import type { ReadyzLimits, ReadyzQuery, ReadyzRequest, ReadyzResponse } from './types.js';

/** Methods the admin route answers; others are 405 with this `Allow`. */
export const ADMIN_METHODS = 'GET, HEAD, POST, DELETE';

const DRILL_RULES = `mode is fail, hang or latency; forMs an integer from 1 to ${MAX_DRILL_MS}; latencyMs (latency mode only) from 1 to ${MAX_DRILL_LATENCY_MS}`;
const INTEGER = /^\d{1,9}$/;

/** Answers one admin request; never throws. */
export type AdminHandler = (
  request: ReadyzRequest,
  method: string,
  rawProbe: string,
  pathQuery: string,
) => ReadyzResponse;

/** Creates the admin route's handler. */
export function createAdminHandler(health: Health, admin: ResolvedAdmin, limits: ReadyzLimits): AdminHandler {
  return (request, method, rawProbe, pathQuery) => {
    const head = method === 'HEAD';
    if (!admin.allowRemote && !isLoopback(request.remoteAddress)) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_FORBIDDEN'), head);
    }
    const headers = readHeaders(request.headers, limits);
    if (!headers.ok) return respondError(headers.error, head);
    if (!bearerMatches(request.headers, admin)) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_UNAUTHORIZED'), head, {
        'www-authenticate': 'Bearer realm="rollgate-admin"',
      });
    }
    const probe = decodeProbe(rawProbe, limits);
    if (!probe.ok) return respondError(probe.error, head);
    if (!health.probeNames().includes(probe.name)) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), head);
    }
    const bounded = parseParams(pathQuery, request.query, limits);
    if (!bounded.ok) return respondError(bounded.error, head);
    if (method === 'GET' || head) {
      const drill = health.drills().find((d) => d.probe === probe.name) ?? null;
      return respond(200, JSON.stringify({ status: 'ok', drill }), JSON_CONTENT_TYPE, head);
    }
    if (method === 'DELETE') {
      const ended = health.endSimulation(probe.name);
      return respond(200, JSON.stringify({ status: 'ok', ended }), JSON_CONTENT_TYPE, false);
    }
    if (method !== 'POST') {
      return respondError(requestError('ROLLGATE_ERR_READYZ_METHOD_NOT_ALLOWED'), false, {
        allow: ADMIN_METHODS,
      });
    }
    const simulation = readSimulation(pathQuery, request.query);
    if (!simulation.ok) return respondError(simulation.error, false);
    try {
      const drill = health.simulate(probe.name, simulation.value);
      return respond(200, JSON.stringify({ status: 'ok', drill }), JSON_CONTENT_TYPE, false);
    } catch (error) {
      if (isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_PROBE'))
        return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), false);
      if (isRollgateError(error, 'ROLLGATE_ERR_INVALID_SIMULATION'))
        return respondError(requestError('ROLLGATE_ERR_READYZ_BAD_DRILL', DRILL_RULES), false);
      return respondError(requestError('ROLLGATE_ERR_READYZ_CLOSED'), false);
    }
  };
}

/** `mode`, `forMs` and `latencyMs` from the query (already bounded by parseParams). */
function readSimulation(
  pathQuery: string,
  query: ReadyzQuery | undefined,
): { ok: true; value: SimulationOptions } | { ok: false; error: ReadyzRequestError } {
  const params = toParams(pathQuery, query);
  const mode = params.get('mode');
  const forMs = params.get('forMs');
  const latencyMs = params.get('latencyMs');
  const bad = { ok: false as const, error: requestError('ROLLGATE_ERR_READYZ_BAD_DRILL', DRILL_RULES) };
  if ((mode !== 'fail' && mode !== 'hang' && mode !== 'latency') || forMs === null || !INTEGER.test(forMs))
    return bad;
  if (latencyMs !== null && !INTEGER.test(latencyMs)) return bad;
  return {
    ok: true,
    value: {
      mode,
      forMs: Number(forMs),
      ...(latencyMs === null ? {} : { latencyMs: Number(latencyMs) }),
    },
  };
}

function toParams(pathQuery: string, query: ReadyzQuery | undefined): URLSearchParams {
  if (query === undefined || query === null) return new URLSearchParams(pathQuery);
  if (typeof query === 'string') return new URLSearchParams(query);
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') params.append(key, first);
  }
  return params;
}

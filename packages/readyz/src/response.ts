import type { ReadyzRequestError } from './errors.js';
import { byteLength } from './limits.js';
import type { ReadyzResponse } from './types.js';

/** Content type of every JSON answer. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Content type of IETF health-check answers. */
export const HEALTH_JSON_CONTENT_TYPE = 'application/health+json';
/** Methods readyz answers; everything else is 405 with this `Allow`. */
export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Builds a response. Every answer, errors included, carries `Cache-Control: no-store` (a cached
 * "ok" would hide an outage from the kubelet) and the GET body's length; HEAD drops the body only.
 */
export function respond(
  status: number,
  body: string,
  contentType: string,
  head: boolean,
  extra?: Record<string, string>,
): ReadyzResponse {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(byteLength(body)),
  };
  if (extra !== undefined) Object.assign(headers, extra);
  return { status, headers, body: head ? '' : body };
}

/** A short JSON error answer; the text is fixed by readyz and never echoes the request. */
export function respondError(
  error: ReadyzRequestError,
  head: boolean,
  extra: Record<string, string> | undefined = error.status === 405 ? { allow: ALLOWED_METHODS } : undefined,
): ReadyzResponse {
  const body = JSON.stringify({ status: 'error', code: error.code, error: error.message });
  return respond(error.status, body, JSON_CONTENT_TYPE, head, extra);
}

const UNAVAILABLE_BODY = JSON.stringify({ status: 'fail', error: 'readyz could not answer' });

/**
 * The 503 for a request readyz could not answer at all, with every header a readyz answer carries. Only a
 * broken promise reaches it (`handle()` never throws by design); adapters answer with it should `handle()`
 * ever reject, so a host's HTML error page never stands in for a health answer.
 */
export function unavailableResponse(head = false): ReadyzResponse {
  return respond(503, UNAVAILABLE_BODY, JSON_CONTENT_TYPE, head);
}

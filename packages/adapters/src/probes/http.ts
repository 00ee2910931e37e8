import type { ProbeRegistration } from '@rollgate/core';
import { describeValue, errorMessageWithCause, MIN_SECRET_LENGTH } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { checkProbeOptions } from './options.js';
import { buildRegistration } from './registration.js';
import { COMMON_PROBE_OPTIONS, type CommonProbeOptions } from './types.js';

/** Which statuses count as healthy: one status, a list, or a predicate. */
export type ExpectStatus = number | readonly number[] | ((status: number) => boolean);

/** Options of `httpProbe()`. */
export interface HttpProbeOptions extends CommonProbeOptions {
  /** Display name (default: the URL's host, e.g. `payments.internal:8080`; never its credentials). */
  name?: string;
  /** Healthy statuses (default: any 2xx). */
  expectStatus?: ExpectStatus;
  /** HTTP method (default `GET`). */
  method?: 'GET' | 'HEAD';
  /** Request headers (an upstream's own auth, say; an `authorization` here wins over credentials in the URL). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global `fetch`, undici in Node). */
  fetch?: typeof fetch;
}

const HTTP_PROBE_OPTION_KEYS = Object.keys({
  ...COMMON_PROBE_OPTIONS,
  expectStatus: true,
  method: true,
  headers: true,
  fetch: true,
} satisfies Record<keyof HttpProbeOptions, true>);

function statusMatcher(expect: ExpectStatus | undefined): (status: number) => boolean {
  if (expect === undefined) return (status) => status >= 200 && status < 300;
  if (typeof expect === 'function') return expect;
  const allowed = new Set(typeof expect === 'number' ? [expect] : expect);
  if (
    allowed.size === 0 ||
    ![...allowed].every((status) => Number.isInteger(status) && status >= 100 && status <= 599)
  ) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'httpProbe',
      'expectStatus',
      `expected HTTP statuses (100-599) or a predicate, got ${describeValue(expect)}`,
    );
  }
  return (status) => allowed.has(status);
}

function describeExpected(expect: ExpectStatus | undefined): string {
  if (expect === undefined) return '2xx';
  if (typeof expect === 'function') return 'an accepted status';
  return typeof expect === 'number' ? String(expect) : expect.join(' or ');
}

/**
 * A readiness probe for an HTTP upstream: fetches `url` with the probe's AbortSignal (so a slow
 * upstream is abandoned, socket and all, at the timeout) and checks the status. The body is never
 * read, only discarded. Its operation is the method alone (`GET timeout after <n>ms`): the URL may
 * carry credentials or tokens, and the display name already says which upstream it is. Credentials in the URL
 * (`https://user:pass@host/health`) are sent as `Authorization: Basic` and registered as the probe's `secrets`.
 */
export function httpProbe(url: string | URL, options: HttpProbeOptions = {}): ProbeRegistration {
  checkProbeOptions('httpProbe', options, HTTP_PROBE_OPTION_KEYS);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'httpProbe',
      'url',
      `expected an absolute URL, got ${describeValue(String(url))}`,
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'httpProbe',
      'url',
      `expected http: or https:, got ${describeValue(target.protocol)}`,
    );
  }
  const accepts = statusMatcher(options.expectStatus);
  const method = options.method ?? 'GET';
  // Checked here, not left to the operation-name check downstream, so the error names the option.
  if (method !== 'GET' && method !== 'HEAD') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'httpProbe',
      'method',
      `expected "GET" or "HEAD", got ${describeValue(String(method))}`,
    );
  }
  const doFetch = options.fetch ?? fetch;
  if (typeof doFetch !== 'function')
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'httpProbe',
      'fetch',
      'expected a fetch function',
    );
  const { href, headers, secrets } = withoutCredentials(target, options.headers);

  const probe = buildRegistration('httpProbe', target.host, method, options, async (signal) => {
    let response: Response;
    try {
      response = await doFetch(href, { method, headers, signal, redirect: 'manual' });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new Error(`${method} failed: ${errorMessageWithCause(error)}`);
    }
    // Free the connection without reading what the upstream sent.
    await response.body?.cancel().catch(() => {});
    if (!accepts(response.status)) {
      throw new Error(
        `${method} answered ${response.status}, expected ${describeExpected(options.expectStatus)}`,
      );
    }
    return response.status;
  });
  if (secrets.length > 0) probe.secrets = secrets;
  return probe;
}

/**
 * fetch refuses a URL carrying credentials ("Request cannot be constructed from a URL that includes credentials"),
 * so they travel as `Authorization: Basic`, as a browser would send them; the password and the header value are
 * registered with the health as exact secrets so no error text can carry them (a password shorter than
 * `MIN_SECRET_LENGTH` is left to the URL and `Basic` patterns, which hide it in those forms). An `Authorization`
 * header given in `headers` wins over the URL's credentials.
 */
function withoutCredentials(
  target: URL,
  given: Record<string, string> | undefined,
): { href: string; headers: Record<string, string> | undefined; secrets: string[] } {
  if (target.username === '' && target.password === '')
    return { href: target.href, headers: given, secrets: [] };
  const username = decoded(target.username);
  const password = decoded(target.password);
  const bare = new URL(target.href);
  bare.username = '';
  bare.password = '';
  const credential = Buffer.from(`${username}:${password}`).toString('base64');
  const hasAuthorization = Object.keys(given ?? {}).some((key) => key.toLowerCase() === 'authorization');
  const headers = hasAuthorization ? given : { ...given, authorization: `Basic ${credential}` };
  const secrets = [password, credential].filter((value) => value.length >= MIN_SECRET_LENGTH);
  return { href: bare.href, headers, secrets: [...new Set(secrets)] };
}

// The URL parser keeps userinfo percent-encoded; a malformed escape is taken as written.
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

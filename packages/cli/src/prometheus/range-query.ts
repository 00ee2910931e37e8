// One Prometheus range query over fetch, bounded in time and size. Every failure comes back as a value the
// evaluator reads as a provider error: nothing here throws for a sick Prometheus.

import { errorMessageWithCause } from '@rollgate/contract/errors';
import type { SampleColumns } from '@rollgate/core/rules';
import { parseMatrix } from './parse-matrix.js';
import { BodyTooLarge, readBoundedText } from './read-body.js';

/** How a query ended: `ok` with samples, or the kind of failure. */
export type QueryOutcome =
  | 'ok'
  | 'timeout'
  | 'network'
  | 'http'
  | 'prometheus'
  | 'too_large'
  | 'bad_response';

/** One range query to run. */
export interface RangeQuery {
  /** PromQL, with every variable already filled in. */
  query: string;
  /** First evaluation instant, epoch ms. */
  start: number;
  /** Last evaluation instant, epoch ms. */
  end: number;
  /** Resolution, ms (Prometheus rounds nothing: whole seconds or milliseconds both work). */
  stepMs: number;
}

/** Where and how to ask. */
export interface PrometheusTarget {
  /** Base URL of Prometheus (`http://prometheus.monitoring:9090`, or with a path prefix). */
  url: string | URL;
  /** Longest wait for one answer, body included (default 10 000 ms). */
  timeoutMs?: number;
  /** Largest answer read, bytes (default 8 MiB). */
  maxBytes?: number;
  /** Extra request headers (an auth proxy's token). */
  headers?: Record<string, string>;
  /** The fetch to use (default: Node's global fetch). */
  fetch?: typeof fetch;
}

/** The answer: samples of the one series, or a provider error in words fit for a reason line. */
export type RangeQueryResult =
  | { ok: true; outcome: 'ok'; series: SampleColumns; durationMs: number }
  | { ok: false; outcome: Exclude<QueryOutcome, 'ok'>; error: string; durationMs: number };

/** Default per-query timeout, ms. */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
/** Default bound on one answer's size, bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const MAX_ERROR_TEXT = 300;

// Last line of defence for error text: nothing shaped like URL credentials leaves this module.
const CREDENTIALS = /\/\/[^/\s:@]*:[^/\s@]*@/g;

function clip(text: string): string {
  const oneLine = text.replace(CREDENTIALS, '//***@').replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ERROR_TEXT ? `${oneLine.slice(0, MAX_ERROR_TEXT)}…` : oneLine;
}

/** `http://host:9090/prefix` → `http://host:9090/prefix/api/v1/query_range` (credentials dropped: see {@link basicAuth}). */
export function queryRangeUrl(base: string | URL): URL {
  const url = new URL(base);
  url.username = '';
  url.password = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL('api/v1/query_range', url);
}

/**
 * `http://user:pass@host` → `{ authorization: 'Basic …' }`. fetch refuses a URL with credentials, and its error
 * would quote them; they travel as a header instead and never appear in a message.
 */
export function basicAuth(base: string | URL): Record<string, string> {
  const url = new URL(base);
  if (url.username === '' && url.password === '') return {};
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function describePrometheusError(
  status: number,
  body: string,
): { outcome: 'http' | 'prometheus'; error: string } {
  try {
    const parsed = JSON.parse(body) as { status?: unknown; errorType?: unknown; error?: unknown };
    if (parsed.status === 'error' && typeof parsed.error === 'string') {
      const type = typeof parsed.errorType === 'string' ? ` ${parsed.errorType}` : '';
      return {
        outcome: 'prometheus',
        error: clip(`Prometheus${type} error (HTTP ${status}): ${parsed.error}`),
      };
    }
  } catch {
    // Not Prometheus' JSON (a proxy's HTML page, say): report the status and the start of the text.
  }
  return { outcome: 'http', error: clip(`Prometheus answered HTTP ${status}${body ? `: ${body}` : ''}`) };
}

/**
 * Runs `query_range` (POST, form-encoded, so a long query never meets a URL length limit) and reads the one
 * series it returns. Timeouts, refused connections, HTTP and Prometheus errors, oversized or malformed answers
 * and queries that return several series all come back as `{ ok: false, error }`; an empty result is `ok` with
 * no samples. `signal` aborts early (the caller's own deadline).
 */
export async function queryRange(
  target: PrometheusTarget,
  range: RangeQuery,
  signal?: AbortSignal,
): Promise<RangeQueryResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const timeoutMs = target.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const maxBytes = target.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const abort = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
  const body = new URLSearchParams({
    query: range.query,
    start: seconds(range.start),
    end: seconds(range.end),
    step: seconds(range.stepMs),
    // Prometheus stops evaluating at its own timeout too, so an abandoned query does not keep it busy.
    timeout: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`,
  });
  const fail = (outcome: Exclude<QueryOutcome, 'ok'>, error: string): RangeQueryResult => ({
    ok: false,
    outcome,
    error,
    durationMs: elapsed(),
  });
  const aborted = () =>
    timeout.aborted
      ? fail('timeout', `Prometheus query timeout after ${timeoutMs}ms`)
      : fail('timeout', 'Prometheus query abandoned: the request deadline passed');
  try {
    const response = await (target.fetch ?? fetch)(queryRangeUrl(target.url), {
      method: 'POST',
      headers: {
        ...basicAuth(target.url),
        ...target.headers,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: abort,
      redirect: 'error',
    });
    const text = await readBoundedText(response, maxBytes);
    if (!response.ok) {
      const { outcome, error } = describePrometheusError(response.status, text);
      return fail(outcome, error);
    }
    let parsed: { status?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(text) as { status?: unknown; data?: unknown };
    } catch {
      return fail('bad_response', 'Prometheus answered 200 with a body that is not JSON');
    }
    if (parsed.status !== 'success') {
      const { error } = describePrometheusError(response.status, text);
      return fail('prometheus', error);
    }
    const matrix = parseMatrix(parsed.data);
    if (!matrix.ok) return fail('bad_response', matrix.error);
    return { ok: true, outcome: 'ok', series: matrix.series, durationMs: elapsed() };
  } catch (error) {
    if (abort.aborted) return aborted();
    if (error instanceof BodyTooLarge)
      return fail('too_large', `Prometheus answer larger than ${maxBytes} bytes`);
    return fail('network', clip(`Prometheus unreachable: ${errorMessageWithCause(error)}`));
  }
}

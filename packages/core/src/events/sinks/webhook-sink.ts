// POST each event as a CloudEvents structured-mode JSON document. Retries with exponential backoff and full
// jitter (exponential-backoff), each attempt under its own timeout, honouring Retry-After; every attempt carries
// the same CloudEvent id, in the body and as Idempotency-Key, so the receiver can keep exactly one.
import { errorMessage, errorMessageWithCause, rejectUnknownOptions } from '@rollgate/contract/errors';
import { backOff } from 'exponential-backoff';
import { rollgateError } from '../../errors.js';
import type { DropReason, EventSink, QueuedEvent } from '../types.js';
import { parseRetryAfter } from './retry-after.js';

/** The part of the web-standard `fetch` the sink uses (Node's global fetch by default). */
export type FetchLike = (
  url: string,
  init: {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
    redirect: 'manual';
  },
) => Promise<{ status: number; headers: { get(name: string): string | null } }>;

/** Options of `webhookSink()`. */
export interface WebhookSinkOptions {
  /** The receiver, http: or https:. */
  url: string;
  /** Extra request headers (e.g. Authorization). */
  headers?: Record<string, string>;
  /** Each attempt's timeout in ms (default 5000). */
  timeoutMs?: number;
  /** Attempts per event, the first included (default 8). */
  attempts?: number;
  /** Backoff before the second attempt, in ms, doubling after (default 200). */
  minDelayMs?: number;
  /** Longest backoff between two attempts, in ms (default 30000). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured, in ms (default 120000); a receiver asking for longer has the event dead-lettered. */
  maxRetryAfterMs?: number;
  /** Sink name (default `webhook`). */
  name?: string;
  /** fetch implementation (default the global one). */
  fetch?: FetchLike;
  /** Wall clock for HTTP-date Retry-After (default `Date.now`). */
  now?: () => number;
}

const KEYS = Object.keys({
  url: true,
  headers: true,
  timeoutMs: true,
  attempts: true,
  minDelayMs: true,
  maxDelayMs: true,
  maxRetryAfterMs: true,
  name: true,
  fetch: true,
  now: true,
} satisfies Record<keyof WebhookSinkOptions, true>);

/** Content type of a CloudEvents structured-mode JSON request (CloudEvents HTTP binding §3.2). */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** Why one attempt failed, and whether another may follow. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The error `deliver` rejects with: carries the drop reason the emitter counts. */
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly reason: DropReason,
  ) {
    super(message);
  }
}

/**
 * An HTTP webhook sink: at-least-once delivery with the CloudEvent `id` as idempotency key. Acknowledged
 * (`emit()` resolves) once queued; delivery, retries and dead-lettering happen behind it.
 */
export function webhookSink(options: WebhookSinkOptions): EventSink {
  rejectUnknownOptions(options, KEYS, 'webhookSink');
  const { url, authorization } = checkUrl(options.url);
  const timeoutMs = whole('timeoutMs', options.timeoutMs ?? 5000, 1);
  const attempts = whole('attempts', options.attempts ?? 8, 1);
  const minDelayMs = whole('minDelayMs', options.minDelayMs ?? 200, 0);
  const maxDelayMs = whole('maxDelayMs', options.maxDelayMs ?? 30_000, minDelayMs);
  const maxRetryAfterMs = whole('maxRetryAfterMs', options.maxRetryAfterMs ?? 120_000, 0);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (authorization !== undefined) headers.authorization = authorization;
  const doFetch: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  if (typeof doFetch !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'fetch', 'no global fetch: pass one');
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function')
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'now', 'expected a function returning epoch ms');

  async function attempt(queued: QueuedEvent, closing: AbortSignal): Promise<void> {
    if (closing.aborted) throw new AttemptError('emitter closed', false);
    const signal = AbortSignal.any([closing, AbortSignal.timeout(timeoutMs)]);
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': CLOUDEVENTS_CONTENT_TYPE,
          'idempotency-key': queued.id,
        },
        body: JSON.stringify(queued.cloudEvent),
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      const timedOut = !closing.aborted && signal.aborted;
      throw new AttemptError(
        timedOut ? `timeout after ${timeoutMs}ms` : `request failed: ${errorMessageWithCause(error)}`,
        !closing.aborted,
      );
    }
    const { status } = response;
    if (status >= 200 && status < 300) return;
    // 408, 425, 429 and 5xx say "later"; any other answer (4xx, a redirect) will not change on its own.
    const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
    const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), now()) : undefined;
    throw new AttemptError(`HTTP ${status}`, retryable, retryAfterMs);
  }

  return {
    name: options.name ?? 'webhook',
    acknowledge: 'queued',
    batchSize: 1,
    async deliver(batch, closing) {
      for (const queued of batch) await deliverOne(queued, closing);
    },
  };

  async function deliverOne(queued: QueuedEvent, closing: AbortSignal): Promise<void> {
    let last: AttemptError | undefined;
    try {
      await backOff(() => attempt(queued, closing), {
        numOfAttempts: attempts,
        startingDelay: minDelayMs,
        timeMultiple: 2,
        maxDelay: maxDelayMs,
        jitter: 'full',
        retry: async (error: unknown) => {
          last = error instanceof AttemptError ? error : new AttemptError(errorMessage(error), false);
          if (!last.retryable || closing.aborted) return false;
          const wait = last.retryAfterMs;
          if (wait === undefined || wait === 0) return true;
          if (wait > maxRetryAfterMs) return false;
          // The backoff delay follows this wait, so the next attempt is never sooner than the receiver asked.
          return sleep(wait, closing);
        },
      });
    } catch (error) {
      const failure = last ?? new AttemptError(errorMessage(error), false);
      if (closing.aborted) throw new DeliveryError(failure.message, 'closed');
      if (!failure.retryable) throw new DeliveryError(failure.message, 'rejected');
      const tooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfterMs;
      throw new DeliveryError(
        tooLong
          ? `${failure.message}: Retry-After ${failure.retryAfterMs}ms is above ${maxRetryAfterMs}ms`
          : failure.message,
        'retries_exhausted',
      );
    }
  }
}

/** Resolves true after `ms`, or false at once when `signal` aborts (the retry is then abandoned). */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// fetch refuses a URL with credentials, so they travel as a Basic Authorization header instead.
function checkUrl(value: unknown): { url: string; authorization?: string } {
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'url', 'expected an http: or https: URL');
  }
  if (parsed.username === '' && parsed.password === '') return { url: parsed.href };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.href,
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  };
}

function whole(key: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', key, `expected an integer of at least ${min}`);
  }
  return value;
}

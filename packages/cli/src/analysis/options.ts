// Reading runAnalysis' options: strict keys, a usable Prometheus URL, bounded timeouts. A host's mistake here is
// a thrown RollgateError at once, never a request that fails later.
import { describeValue, rejectUnknownOptions } from '@rollgate/contract/errors';
import { parseDuration } from '@rollgate/contract/time';
import { analysisError } from './errors.js';

/** Where Prometheus is and how to ask it. */
export interface PrometheusOptions {
  /** Base URL (`http://prometheus.monitoring:9090`); a path prefix is kept. */
  url: string | URL;
  /** Longest wait for one query's answer, ms (default 10 000, at most 300 000). */
  timeoutMs?: number;
  /** Range-query resolution: ms or a duration (`15s`); default 15 s, finer for windows under 150 s. */
  step?: number | string;
  /** Largest answer read per query, bytes (default 8 MiB). */
  maxBytes?: number;
  /** Extra request headers (an auth proxy's token). */
  headers?: Record<string, string>;
  /** The fetch to use (default: Node's global fetch). */
  fetch?: typeof fetch;
}

/** The keys of {@link PrometheusOptions}, for strict reading. */
export const PROMETHEUS_OPTION_KEYS = Object.keys({
  url: true,
  timeoutMs: true,
  step: true,
  maxBytes: true,
  headers: true,
  fetch: true,
} satisfies Record<keyof PrometheusOptions, true>);

/** Prometheus options after checking: every bound a number. */
export interface ResolvedPrometheus {
  /** Base URL. */
  url: URL;
  /** Per-query timeout, ms. */
  timeoutMs: number;
  /** Step, ms, or undefined for the window-dependent default. */
  stepMs: number | undefined;
  /** Answer size bound, bytes. */
  maxBytes: number | undefined;
  /** Extra request headers. */
  headers: Record<string, string> | undefined;
  /** fetch to use. */
  fetch: typeof fetch | undefined;
}

const MAX_TIMEOUT_MS = 300_000;

function positive(where: string, name: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      name,
      `a number in (0, ${max}]`,
      describeValue(value),
    );
  return value;
}

/** Checks and resolves Prometheus options; throws `ROLLGATE_ERR_ANALYSIS_INVALID_OPTION` or `ROLLGATE_ERR_UNKNOWN_OPTION`. */
export function resolvePrometheus(options: PrometheusOptions, where: string): ResolvedPrometheus {
  if (typeof options !== 'object' || options === null)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      'prometheus',
      'an object',
      describeValue(options),
    );
  rejectUnknownOptions(options, PROMETHEUS_OPTION_KEYS, `${where} prometheus`);
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      'prometheus.url',
      'an absolute http(s) URL',
      describeValue(String(options.url)),
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      'prometheus.url',
      'an http: or https: URL',
      describeValue(url.protocol),
    );
  let stepMs: number | undefined;
  if (typeof options.step === 'string') {
    stepMs = parseDuration(options.step);
    if (stepMs === undefined || stepMs < 1)
      throw analysisError(
        'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
        where,
        'prometheus.step',
        'a duration such as 15s',
        describeValue(options.step),
      );
  } else {
    stepMs = positive(where, 'prometheus.step', options.step, 86_400_000);
    if (stepMs !== undefined && stepMs < 1)
      throw analysisError(
        'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
        where,
        'prometheus.step',
        'at least 1 ms',
        describeValue(stepMs),
      );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      where,
      'prometheus.fetch',
      'a function',
      describeValue(options.fetch),
    );
  return {
    url,
    timeoutMs: positive(where, 'prometheus.timeoutMs', options.timeoutMs, MAX_TIMEOUT_MS) ?? 10_000,
    stepMs,
    maxBytes: positive(where, 'prometheus.maxBytes', options.maxBytes, 1024 * 1024 * 1024),
    headers: options.headers,
    fetch: options.fetch,
  };
}

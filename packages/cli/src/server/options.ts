// createAnalysisServer's options, strict, with every bound a number before the first request.
import { describeValue, rejectUnknownOptions } from '@rollgate/contract/errors';
import type { Registry } from 'prom-client';
import { analysisError } from '../analysis/errors.js';
import { checkAnalysisFiles } from '../analysis/files-option.js';
import type { PrometheusOptions } from '../analysis/options.js';
import type { AnalysisFiles } from '../analysis/plan.js';

/** Bounds on what one request may cost. */
export interface AnalysisServerLimits {
  /** Largest request body, bytes (default 65 536; beyond: 413). */
  maxBodyBytes: number;
  /** Analyses running at once (default 8); one more is answered 429 with Retry-After. */
  maxConcurrent: number;
  /** Longest an analysis request may take, body included, ms (default 15 000): queries still running are abandoned as provider errors. */
  requestTimeoutMs: number;
}

/** Options of `createAnalysisServer`. */
export interface AnalysisServerOptions {
  /** A rollback-rules document (read once, at creation). */
  rules: unknown;
  /** A metric-queries document (read once, at creation). */
  queries: unknown;
  /** Where Prometheus is; its `/-/ready` is the server's readiness probe. */
  prometheus: PrometheusOptions;
  /** Port for `listen()` (default 8080; 0 picks a free one). */
  port?: number;
  /** Address for `listen()` (default 127.0.0.1; `0.0.0.0` in a container). */
  host?: string;
  /** Request bounds. */
  limits?: Partial<AnalysisServerLimits>;
  /** prom-client registry for `/metrics` (default: a registry of its own). */
  registry?: Registry;
  /** Service name in health answers and metrics (default `rollgate-analysis`). */
  service?: string;
  /** Version in health answers (default the package's). */
  version?: string;
  /** File names of the documents, for the error thrown when they cannot be used. */
  files?: AnalysisFiles;
}

/** The keys of {@link AnalysisServerOptions}. */
export const ANALYSIS_SERVER_OPTION_KEYS = Object.keys({
  rules: true,
  queries: true,
  prometheus: true,
  port: true,
  host: true,
  limits: true,
  registry: true,
  service: true,
  version: true,
  files: true,
} satisfies Record<keyof AnalysisServerOptions, true>);

const LIMIT_KEYS = Object.keys({
  maxBodyBytes: true,
  maxConcurrent: true,
  requestTimeoutMs: true,
} satisfies Record<keyof AnalysisServerLimits, true>);

/** Default request bounds. */
export const DEFAULT_SERVER_LIMITS: Readonly<AnalysisServerLimits> = Object.freeze({
  maxBodyBytes: 65_536,
  maxConcurrent: 8,
  requestTimeoutMs: 15_000,
});

const WHERE = 'createAnalysisServer';

function integer(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      WHERE,
      name,
      `an integer in ${min}..${max}`,
      describeValue(value),
    );
}

/** Checks the options (strict keys, ranges) and resolves the limits; throws a RollgateError on a mistake. */
export function resolveServerOptions(options: AnalysisServerOptions): AnalysisServerLimits {
  if (typeof options !== 'object' || options === null)
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      WHERE,
      'options',
      'an object',
      describeValue(options),
    );
  rejectUnknownOptions(options, ANALYSIS_SERVER_OPTION_KEYS, WHERE);
  if (options.limits !== undefined) rejectUnknownOptions(options.limits, LIMIT_KEYS, `${WHERE} limits`);
  checkAnalysisFiles(options.files, WHERE);
  if (options.port !== undefined) integer('port', options.port, 0, 65_535);
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host === ''))
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      WHERE,
      'host',
      'a host name or address',
      describeValue(options.host),
    );
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  integer('limits.maxBodyBytes', limits.maxBodyBytes, 2, 16 * 1024 * 1024);
  integer('limits.maxConcurrent', limits.maxConcurrent, 1, 1024);
  integer('limits.requestTimeoutMs', limits.requestTimeoutMs, 100, 600_000);
  return limits;
}

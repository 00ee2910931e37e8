import { describeValue, rejectUnknownOptions } from '@rollgate/core';
import { adapterError } from '../errors.js';

/** A hook run during shutdown, after the server stopped and in-flight requests finished. */
export type ShutdownHook = (signal: NodeJS.Signals) => unknown | Promise<unknown>;

/**
 * What shutdown needs from an event emitter (`createEmitter()` from '@rollgate/core/events' fits): `close()`
 * drains its queues, giving up at `timeoutMs` (what is left goes to its dead-letter hook).
 */
export interface ShutdownEmitter {
  /** Drains every queue and closes the sinks. */
  close(options?: { timeoutMs?: number }): Promise<unknown>;
}

/** Structured logger (pino, console and most loggers fit). */
export interface ShutdownLogger {
  /** Progress: signal received, draining, closed. */
  info(fields: Record<string, unknown>, message: string): void;
  /** A hook failed or the timeout forced the exit. */
  error(fields: Record<string, unknown>, message: string): void;
}

/** Options of `installShutdown()`. */
export interface ShutdownOptions {
  /** Signals that start the shutdown (default `['SIGTERM', 'SIGINT']`). */
  signals?: readonly NodeJS.Signals[];
  /**
   * How long readiness answers 503 while the server still serves everything, so load balancers and
   * Kubernetes endpoints stop sending traffic before the listener closes (default 5000 ms).
   */
  drainDelayMs?: number;
  /** Exit with code 1 this long after the signal, whatever is still running (default 25000 ms; must exceed drainDelayMs). */
  timeoutMs?: number;
  /** Hooks run in order once the server has closed (close pools, flush telemetry); a failing hook makes the exit code 1. */
  onShutdown?: ShutdownHook | readonly ShutdownHook[];
  /**
   * Event emitters to drain after `health.close()` (so its last events are in them) and before the hooks;
   * each gets the time left before `timeoutMs`, less a margin, so nothing is cut off by the forced exit.
   */
  emitters?: readonly ShutdownEmitter[];
  /** How to exit (default `process.exit`); inject it in tests. */
  exit?: (code: number) => void;
  /** Where progress and failures are logged (default: nowhere). */
  logger?: ShutdownLogger;
}

/** Options with defaults applied. */
export interface ResolvedShutdownOptions {
  /** Signals handled, without duplicates. */
  readonly signals: readonly NodeJS.Signals[];
  /** Drain delay in ms. */
  readonly drainDelayMs: number;
  /** Forced-exit timeout in ms, counted from the signal. */
  readonly timeoutMs: number;
  /** Hooks, in order. */
  readonly hooks: readonly ShutdownHook[];
  /** Emitters to drain. */
  readonly emitters: readonly ShutdownEmitter[];
  /** Exit function. */
  readonly exit: (code: number) => void;
  /** Logger, if any. */
  readonly logger: ShutdownLogger | undefined;
}

/** Default drain delay: a few kubelet readiness periods. */
export const DEFAULT_DRAIN_DELAY_MS = 5_000;
/** Default force-exit timeout: inside Kubernetes' default 30 s termination grace period. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

const SHUTDOWN_OPTION_KEYS = Object.keys({
  signals: true,
  drainDelayMs: true,
  timeoutMs: true,
  onShutdown: true,
  emitters: true,
  exit: true,
  logger: true,
} satisfies Record<keyof ShutdownOptions, true>);

function invalid(option: string, problem: string): Error {
  return adapterError('ROLLGATE_ERR_INVALID_SHUTDOWN_OPTION', option, problem);
}

/** Validates options and fills in defaults; throws a coded error for a bad or unknown one. */
export function resolveShutdownOptions(options: ShutdownOptions = {}): ResolvedShutdownOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw invalid('options', `expected an object, got ${describeValue(options)}`);
  rejectUnknownOptions(options, SHUTDOWN_OPTION_KEYS, 'installShutdown');
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  if (
    !Array.isArray(signals) ||
    signals.length === 0 ||
    !signals.every((s) => typeof s === 'string' && s.startsWith('SIG'))
  ) {
    throw invalid(
      'signals',
      `expected a non-empty list of signal names, got ${describeValue(options.signals)}`,
    );
  }
  const drainDelayMs = options.drainDelayMs ?? DEFAULT_DRAIN_DELAY_MS;
  if (typeof drainDelayMs !== 'number' || !Number.isFinite(drainDelayMs) || drainDelayMs < 0) {
    throw invalid('drainDelayMs', `expected a number of ms >= 0, got ${describeValue(options.drainDelayMs)}`);
  }
  const timeoutMs = options.timeoutMs ?? Math.max(DEFAULT_SHUTDOWN_TIMEOUT_MS, drainDelayMs + 1_000);
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= drainDelayMs) {
    throw invalid(
      'timeoutMs',
      `expected a number of ms above drainDelayMs (${drainDelayMs}), got ${describeValue(options.timeoutMs)}`,
    );
  }
  const hooks =
    options.onShutdown === undefined
      ? []
      : Array.isArray(options.onShutdown)
        ? options.onShutdown
        : [options.onShutdown];
  if (!hooks.every((hook) => typeof hook === 'function')) {
    throw invalid('onShutdown', 'expected a function or a list of functions');
  }
  const emitters = options.emitters ?? [];
  if (
    !Array.isArray(emitters) ||
    !emitters.every((emitter) => typeof (emitter as ShutdownEmitter | null)?.close === 'function')
  ) {
    throw invalid('emitters', "expected a list of emitters with close() (from '@rollgate/core/events')");
  }
  if (options.exit !== undefined && typeof options.exit !== 'function') {
    throw invalid('exit', `expected a function, got ${describeValue(options.exit)}`);
  }
  return {
    signals: [...new Set(signals)],
    drainDelayMs,
    timeoutMs,
    hooks: [...hooks] as ShutdownHook[],
    emitters: [...emitters],
    exit: options.exit ?? ((code) => process.exit(code)),
    logger: options.logger,
  };
}

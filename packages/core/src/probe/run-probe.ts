// One real run of one probe, bounded by its timeout. The returned promise never rejects and settles
// at the latest when the timer fires, whatever the probe does. The engine attaches no listener to
// the signal and clears its one timer on settle, so a run leaves nothing behind; a probe promise
// that settles after the timeout already has our handlers, so its rejection is swallowed (logged
// once) and never reaches 'unhandledRejection'.
import type { Context, Tracer } from '@opentelemetry/api';
import { redactingSpan } from '../tracing/redacting-span.js';
import { endProbeSpan, startProbeSpan, withSpan } from '../tracing/spans.js';
import { describeRejection, interpretValue, type RawOutcome, timeoutMessage } from './outcome.js';
import type { Redactor } from './redact.js';
import type { RegisteredProbe } from './registry.js';
import type { HealthLogger } from './types.js';

/** The settled result of one probe run (its error already redacted). */
export interface ProbeResult {
  /** ok or fail. */
  readonly status: 'ok' | 'fail';
  /** How long the run took, in ms. */
  readonly durationMs: number;
  /** Redacted reason of a failure. */
  readonly error: string | undefined;
  /** Wall-clock epoch ms the run settled (for `observed_at`). */
  readonly settledAt: number;
  /** Monotonic ms the run settled (for cache TTLs and grace). */
  readonly finishedAt: number;
  /** Whether the run was failed at its timeout. */
  readonly timedOut: boolean;
  /** True when a failure drill drove the run. */
  readonly simulated?: boolean;
}

/** What a run needs from the engine. */
export interface RunEnvironment {
  readonly service: string;
  readonly redact: Redactor;
  readonly wall: () => number;
  readonly monotonic: () => number;
  readonly logger: HealthLogger | undefined;
  /** The tracer, or undefined while nothing can record (the OpenTelemetry API is then never loaded). */
  readonly tracer: Tracer | undefined;
  /** Context holding the span that caused the run (its probe span's parent); undefined while nothing records. */
  readonly parent: Context | undefined;
  /** Background runs (heartbeat) get an unref'd timer: nobody awaits them, so they must not hold the process open. */
  readonly background: boolean;
}

/** A run in progress. */
export interface RunHandle {
  /** Settles with the result; never rejects. */
  readonly promise: Promise<ProbeResult>;
  /** Fails the run now with `reason` and aborts its signal (used by `close()`); a no-op once settled. */
  cancel(reason: string): void;
}

/** Starts one run of `probe`. */
export function runProbe(probe: RegisteredProbe, env: RunEnvironment): RunHandle {
  const controller = new AbortController();
  const started = env.monotonic();
  const span = startProbeSpan(env.tracer, env.parent, env.service, probe.name, probe.timeoutMs);
  let settled = false;
  let resolve: (result: ProbeResult) => void = () => {};
  const promise = new Promise<ProbeResult>((r) => {
    resolve = r;
  });

  const finish = (outcome: RawOutcome, timedOut: boolean): boolean => {
    if (settled) return false;
    settled = true;
    clearTimeout(timer);
    const finishedAt = env.monotonic();
    const result: ProbeResult = {
      status: outcome.ok ? 'ok' : 'fail',
      durationMs: roundMs(Math.max(0, finishedAt - started)),
      error: outcome.ok ? undefined : env.redact(outcome.error),
      settledAt: env.wall(),
      finishedAt,
      timedOut,
    };
    endProbeSpan(span, result);
    resolve(result);
    return true;
  };

  const timer = setTimeout(() => {
    const message = timeoutMessage(probe.timeoutMs, probe.operation);
    // Settle first: a probe whose abort listener rejects synchronously must meet a settled run.
    finish({ ok: false, error: message }, true);
    controller.abort(abortReason(message, 'TimeoutError'));
  }, probe.timeoutMs);
  if (env.background) (timer as { unref?: () => void }).unref?.();

  const onLate = (reason: unknown): void => {
    // A probe honouring the signal rejects with our reason or an AbortError: expected, not news.
    if (controller.signal.aborted && (reason === controller.signal.reason || isAbortError(reason))) return;
    try {
      env.logger?.warn(
        { service: env.service, probe: probe.name, error: env.redact(describeRejection(reason)) },
        'probe rejected after it was failed at its timeout',
      );
    } catch {
      // A throwing logger must not turn a swallowed rejection into a crash.
    }
  };

  let value: unknown;
  try {
    // The probe's code sees its span through the redactor: a client recording the raw error on the active span
    // must not carry a secret past the engine. A span that records nothing needs no wrapper.
    const active = span.isRecording() ? redactingSpan(span, env.redact) : span;
    value = withSpan(env.parent, active, () => probe.check(controller.signal));
  } catch (error) {
    finish({ ok: false, error: describeRejection(error) }, false);
    return { promise, cancel: () => {} };
  }
  // `new Promise(r => r(value))` adopts thenables (even hostile ones: a throwing `then` getter becomes a
  // rejection) and never throws itself. Both handlers are attached now, so a late rejection is handled.
  new Promise<unknown>((r) => r(value)).then(
    (resolved) => {
      finish(interpretValue(resolved), false);
    },
    (reason: unknown) => {
      if (!finish({ ok: false, error: describeRejection(reason) }, false)) onLate(reason);
    },
  );

  return {
    promise,
    cancel(reason: string) {
      if (finish({ ok: false, error: reason }, false)) controller.abort(abortReason(reason, 'AbortError'));
    },
  };
}

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

// DOMException is global from Node 17; it is what fetch and AbortSignal.timeout() use, so clients treat it right.
function abortReason(message: string, name: 'TimeoutError' | 'AbortError'): Error {
  return typeof DOMException === 'function'
    ? new DOMException(message, name)
    : Object.assign(new Error(message), { name });
}

function isAbortError(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  try {
    const name = (reason as { name?: unknown }).name;
    return name === 'AbortError' || name === 'TimeoutError';
  } catch {
    return false;
  }
}

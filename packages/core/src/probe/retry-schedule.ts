// A startup probe's retries: the registration option checked once, and the schedule of attempts, pure. The
// schedule is deterministic (first wait `backoffMs`, doubled each retry, capped): a startup sequence is one pod's,
// so jitter would only make the report and the tests harder to read. The loop itself is startup-sequence.ts.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import {
  DEFAULT_RETRY_BACKOFF_MS,
  MAX_RETRY_BACKOFF_MS,
  MAX_STARTUP_ATTEMPTS,
  MAX_STARTUP_BUDGET_MS,
} from './limits.js';
import type { ProbeGroupName, StartupRetries } from './types.js';

/** Retries with defaults filled in. */
export interface ResolvedRetries {
  /** Attempts in all. */
  readonly attempts: number;
  /** Wait before the second attempt. */
  readonly backoffMs: number;
  /** Every attempt starts within this long of the first. */
  readonly budgetMs: number;
}

const RETRY_KEYS = Object.keys({
  attempts: true,
  backoffMs: true,
  budgetMs: true,
} satisfies Record<keyof StartupRetries, true>);

/**
 * Checks `register({ retries })`; throws `ROLLGATE_ERR_INVALID_PROBE` naming the probe. Retries are for probes of
 * the startup group only: a readiness or liveness probe is asked again by the kubelet anyway.
 */
export function resolveRetries(
  probe: string,
  retries: StartupRetries | undefined,
  groups: readonly ProbeGroupName[],
  timeoutMs: number,
): ResolvedRetries | undefined {
  if (retries === undefined) return undefined;
  const refuse = (why: string): never => {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', probe, why);
  };
  if (typeof retries !== 'object' || retries === null) refuse('retries must be { attempts, budgetMs }');
  rejectUnknownOptions(retries, RETRY_KEYS, `register(${probe}) retries`);
  if (groups.length !== 1 || groups[0] !== 'startup') refuse("retries need groups: ['startup'] only");
  const { attempts, backoffMs = DEFAULT_RETRY_BACKOFF_MS, budgetMs } = retries;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_STARTUP_ATTEMPTS)
    refuse(`retries.attempts must be an integer from 1 to ${MAX_STARTUP_ATTEMPTS}`);
  if (typeof backoffMs !== 'number' || !Number.isFinite(backoffMs) || backoffMs < 0 || backoffMs > 60_000)
    refuse('retries.backoffMs must be from 0 to 60000 ms');
  if (
    typeof budgetMs !== 'number' ||
    !Number.isFinite(budgetMs) ||
    budgetMs < timeoutMs ||
    budgetMs > MAX_STARTUP_BUDGET_MS
  )
    refuse(
      `retries.budgetMs must be from the probe's timeout (${timeoutMs} ms) to ${MAX_STARTUP_BUDGET_MS} ms`,
    );
  return { attempts, backoffMs, budgetMs };
}

/** The wait after failed attempt `attempt` (1-based): backoffMs, 2×, 4×, … at most 30000 ms. */
export function backoffAfter(retries: ResolvedRetries, attempt: number): number {
  return Math.min(MAX_RETRY_BACKOFF_MS, retries.backoffMs * 2 ** Math.max(0, attempt - 1));
}

/** What to do after attempt `attempt` failed, `elapsedMs` after the first started. */
export type NextStep =
  | { readonly kind: 'retry'; readonly waitMs: number }
  | { readonly kind: 'exhausted'; readonly why: string };

/** Retry after the backoff if an attempt remains and it would start inside the budget; otherwise say why not. */
export function nextStep(retries: ResolvedRetries, attempt: number, elapsedMs: number): NextStep {
  if (attempt >= retries.attempts) {
    return { kind: 'exhausted', why: `all ${retries.attempts} attempts failed` };
  }
  const waitMs = backoffAfter(retries, attempt);
  if (elapsedMs + waitMs >= retries.budgetMs) {
    return {
      kind: 'exhausted',
      why: `budget of ${retries.budgetMs}ms ran out after attempt ${attempt} of ${retries.attempts}`,
    };
  }
  return { kind: 'retry', waitMs };
}

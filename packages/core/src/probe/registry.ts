// Turns what a host passes to `register()` into a validated probe, or throws the catalogue's coded error.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import { PROBE_TIMEOUT_CAP_MS } from './limits.js';
import { nameProblem, operationProblem } from './names.js';
import { type ResolvedRetries, resolveRetries } from './retry-schedule.js';
import { secretProblem } from './secrets.js';
import type { ProbeCheck, ProbeGroupName, ProbeRegistration } from './types.js';

/** The probe groups, in the order Kubernetes meets them. */
export const PROBE_GROUPS: readonly ProbeGroupName[] = ['startup', 'liveness', 'readiness'];

/** A registered probe with every default filled in. */
export interface RegisteredProbe {
  /** Unique name. */
  readonly name: string;
  /** The check. */
  readonly check: ProbeCheck;
  /** Whether a failure fails the group (otherwise it degrades it). */
  readonly critical: boolean;
  /** Groups, deduplicated. */
  readonly groups: readonly ProbeGroupName[];
  /** Timeout in ms. */
  readonly timeoutMs: number;
  /** Operation named in the timeout text (`PING timeout after 300ms`), if any. */
  readonly operation: string | undefined;
  /** Startup retries, if any. */
  readonly retries: ResolvedRetries | undefined;
  /** Exact secrets the probe registered (validated). */
  readonly secrets: readonly string[];
  /** Stops the probe's background sampling; called once by `health.close()`. */
  readonly close: (() => void) | undefined;
}

const REGISTRATION_KEYS = Object.keys({
  name: true,
  check: true,
  critical: true,
  groups: true,
  timeoutMs: true,
  operation: true,
  retries: true,
  secrets: true,
  close: true,
} satisfies Record<keyof ProbeRegistration, true>);

/** True for a known group name. */
export function isProbeGroup(value: unknown): value is ProbeGroupName {
  return typeof value === 'string' && (PROBE_GROUPS as readonly string[]).includes(value);
}

/**
 * Validates a registration. Throws `ROLLGATE_ERR_EMPTY_PROBE_NAME`, `ROLLGATE_ERR_INVALID_PROBE_NAME`,
 * `ROLLGATE_ERR_DUPLICATE_PROBE`, `ROLLGATE_ERR_INVALID_PROBE`, `ROLLGATE_ERR_INVALID_PROBE_GROUP`,
 * `ROLLGATE_ERR_INVALID_TIMEOUT`, `ROLLGATE_ERR_PROBE_TIMEOUT_CAP` or `ROLLGATE_ERR_INVALID_PROBE_OPERATION`.
 */
export function validateRegistration(
  registration: ProbeRegistration,
  defaultTimeoutMs: number,
  isTaken: (name: string) => boolean,
): RegisteredProbe {
  if (typeof registration !== 'object' || registration === null) {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', '(unnamed)', 'expected an object { name, check }');
  }
  rejectUnknownOptions(registration, REGISTRATION_KEYS, `register(${quote(registration.name)})`);
  const {
    name,
    check,
    critical = true,
    groups = ['readiness'],
    timeoutMs = defaultTimeoutMs,
    operation,
  } = registration;
  const problem = nameProblem(name);
  if (problem === 'empty') throw rollgateError('ROLLGATE_ERR_EMPTY_PROBE_NAME');
  if (problem !== undefined) throw rollgateError('ROLLGATE_ERR_INVALID_PROBE_NAME', quote(name), problem);
  if (isTaken(name)) throw rollgateError('ROLLGATE_ERR_DUPLICATE_PROBE', quote(name));
  if (typeof check !== 'function') {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_PROBE',
      quote(name),
      'check must be a function (signal) => unknown',
    );
  }
  if (typeof critical !== 'boolean') {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', quote(name), 'critical must be true or false');
  }
  if (!Array.isArray(groups) || groups.length === 0) {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', quote(name), 'groups must be a non-empty array');
  }
  for (const group of groups) {
    if (!isProbeGroup(group))
      throw rollgateError('ROLLGATE_ERR_INVALID_PROBE_GROUP', quote(name), quote(group));
  }
  checkTimeout(`timeoutMs of probe ${quote(name)}`, timeoutMs);
  if (operation !== undefined) {
    const why = operationProblem(operation);
    if (why !== undefined)
      throw rollgateError('ROLLGATE_ERR_INVALID_PROBE_OPERATION', quote(name), quote(operation), why);
  }
  const resolvedGroups = PROBE_GROUPS.filter((group) => groups.includes(group));
  const secrets = registration.secrets ?? [];
  if (!Array.isArray(secrets)) {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', quote(name), 'secrets must be an array of strings');
  }
  for (const secret of secrets) {
    const why = secretProblem(secret);
    if (why !== undefined) throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', quote(name), `secrets: ${why}`);
  }
  if (registration.close !== undefined && typeof registration.close !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_PROBE', quote(name), 'close must be a function');
  }
  return {
    name,
    check,
    critical,
    groups: resolvedGroups,
    timeoutMs,
    operation,
    retries: resolveRetries(quote(name), registration.retries, resolvedGroups, timeoutMs),
    secrets: [...secrets],
    close: registration.close,
  };
}

/**
 * Refuses a timeout that is not a positive number of milliseconds (`ROLLGATE_ERR_INVALID_TIMEOUT`) or is above the
 * 5,000 ms cap (`ROLLGATE_ERR_PROBE_TIMEOUT_CAP`); `label` names where it was given.
 */
export function checkTimeout(label: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw rollgateError('ROLLGATE_ERR_INVALID_TIMEOUT', label, quote(value));
  }
  if (value > PROBE_TIMEOUT_CAP_MS) {
    throw rollgateError('ROLLGATE_ERR_PROBE_TIMEOUT_CAP', label, value, PROBE_TIMEOUT_CAP_MS);
  }
}

function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return typeof value;
}

import type { ProbeRegistration } from '@rollgate/core';
import { describeValue } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { untilAborted } from './abort.js';
import { probeTimeout } from './timeout.js';
import type { CommonProbeOptions } from './types.js';

/**
 * Validates the options every factory shares and builds the registration around `work`: the engine
 * enforces `timeoutMs` and names `operation` in the timeout text; `work` stops at once when the
 * signal aborts. `work` also gets the validated `timeoutMs` (undefined: the health's default applies).
 */
export function buildRegistration(
  factory: string,
  defaultName: string,
  operation: string,
  options: CommonProbeOptions,
  work: (signal: AbortSignal, timeoutMs: number | undefined) => Promise<unknown>,
): ProbeRegistration {
  const name = options.name ?? defaultName;
  if (typeof name !== 'string' || name.trim() === '') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      factory,
      'name',
      `expected a non-empty string, got ${describeValue(name)}`,
    );
  }
  const timeoutMs = probeTimeout(factory, options.timeoutMs);
  const probe: ProbeRegistration = {
    name,
    operation,
    check: (signal) => untilAborted(signal, operation, (aborted) => work(aborted, timeoutMs)),
  };
  // Only defined keys: an explicit `undefined` would override the engine's defaults.
  if (timeoutMs !== undefined) probe.timeoutMs = timeoutMs;
  if (options.critical !== undefined) probe.critical = options.critical;
  if (options.groups !== undefined) probe.groups = options.groups;
  return probe;
}

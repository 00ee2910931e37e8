import { adapterError, show } from '../errors.js';
import { probeTimeouts } from './deadline.js';
import type { CommonProbeOptions, DependencyProbe } from './types.js';

/** Validates the options every factory shares and builds the registration around `check`. */
export function buildRegistration(
  factory: string,
  defaultName: string,
  options: CommonProbeOptions,
  check: (signal: AbortSignal, ownTimeoutMs: number | undefined) => Promise<unknown>,
): DependencyProbe {
  const name = options.name ?? defaultName;
  if (typeof name !== 'string' || name.trim() === '') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      factory,
      'name',
      `expected a non-empty string, got ${show(name)}`,
    );
  }
  const timeouts = probeTimeouts(factory, options.timeoutMs);
  const probe: DependencyProbe = { name, check: (signal) => check(signal, timeouts.own) };
  // Only defined keys: an explicit `undefined` would override the engine's defaults.
  if (timeouts.registration !== undefined) probe.timeoutMs = timeouts.registration;
  if (options.critical !== undefined) probe.critical = options.critical;
  if (options.groups !== undefined) probe.groups = options.groups;
  return probe;
}

// What every process probe takes besides its threshold, and the checks of the numbers it is given: a threshold
// that is not a number is a setup mistake, thrown as the catalogue's coded error.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import type { ProbeGroupName, ProbeRegistration } from '../probe/types.js';

/** Options every process probe accepts. */
export interface ProcessProbeOptions {
  /** Probe name, the `dependency` a 503 names (each factory has its own default, e.g. `EventLoop`). */
  name?: string;
  /** Groups (default `['readiness']`: an overloaded replica leaves the load balancer, it is not restarted). */
  groups?: readonly ProbeGroupName[];
  /** Whether a failure fails the group (default true) or only degrades it. */
  critical?: boolean;
}

/** Keys of `ProcessProbeOptions`, for the strict-option lists of each factory. */
export const PROCESS_PROBE_OPTIONS = {
  name: true,
  groups: true,
  critical: true,
} as const satisfies Record<keyof ProcessProbeOptions, true>;

/** Rejects unknown keys and a non-object. */
export function checkOptions(where: string, options: object, keys: readonly string[]): void {
  if (typeof options !== 'object' || options === null) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', where, 'expected an options object');
  }
  rejectUnknownOptions(options, keys, where);
}

/** A finite number in [min, max], or the default. */
export function numberOption(
  where: string,
  key: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      `${where} ${key}`,
      `expected a number from ${min} to ${max}`,
    );
  }
  return value;
}

/** The registration fields shared by every process probe. */
export function baseRegistration(
  options: ProcessProbeOptions,
  defaultName: string,
): Pick<ProbeRegistration, 'name' | 'groups' | 'critical'> {
  return {
    name: options.name ?? defaultName,
    groups: options.groups ?? ['readiness'],
    ...(options.critical !== undefined ? { critical: options.critical } : {}),
  };
}

/** Milliseconds as a short figure: `742ms`, `12.5ms`. */
export function formatMs(ms: number): string {
  return `${ms >= 100 ? Math.round(ms) : Math.round(ms * 10) / 10}ms`;
}

/** Bytes in binary units: `512 MiB`, `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Math.round(value * 10) / 10} ${units[unit]}`;
}

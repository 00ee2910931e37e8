// A misspelled probe option (`timeout` for `timeoutMs`) would silently run with the health's default, so
// every factory refuses a key it does not know before reading any, naming the nearest known key.
import { describeValue, rejectUnknownOptions } from '@rollgate/core';
import { adapterError } from '../errors.js';

/** Throws unless `options` is an object whose every key is in `known` (`ROLLGATE_ERR_UNKNOWN_OPTION`). */
export function checkProbeOptions(factory: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      factory,
      'options',
      `expected an object, got ${describeValue(options)}`,
    );
  }
  rejectUnknownOptions(options, known, factory);
}

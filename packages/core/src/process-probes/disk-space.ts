// Free disk space (`fs.statfs`) as a readiness probe: a replica whose volume is filling stops taking traffic it
// could not log or spool, and the 503 says how much is left where.
import { rollgateError } from '../errors.js';
import type { ProbeRegistration } from '../probe/types.js';
import {
  baseRegistration,
  checkOptions,
  formatBytes,
  numberOption,
  PROCESS_PROBE_OPTIONS,
  type ProcessProbeOptions,
} from './options.js';

/** Options of `diskSpaceProbe()`. */
export interface DiskSpaceProbeOptions extends ProcessProbeOptions {
  /** A path on the volume to watch (default: the working directory). */
  path?: string;
  /** Fails when less than this fraction of the volume is free to the process (default 0.05). */
  minFreeRatio?: number;
  /** Fails when fewer than this many bytes are free to the process (default: no byte threshold). */
  minFreeBytes?: number;
}

const KEYS = Object.keys({
  ...PROCESS_PROBE_OPTIONS,
  path: true,
  minFreeRatio: true,
  minFreeBytes: true,
} satisfies Record<keyof DiskSpaceProbeOptions, true>);

const WHERE = 'diskSpaceProbe';

/**
 * A probe (default name `DiskSpace`) failing while free space is below either threshold:
 * `free disk space 1.2 GiB (3.1%) at /data is below the 5% threshold`.
 */
export function diskSpaceProbe(options: DiskSpaceProbeOptions = {}): ProbeRegistration {
  checkOptions(WHERE, options, KEYS);
  const path = options.path ?? process.cwd();
  if (typeof path !== 'string' || path === '') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', `${WHERE} path`, 'expected a non-empty path');
  }
  const minFreeRatio = numberOption(WHERE, 'minFreeRatio', options.minFreeRatio, 0.05, 0, 1);
  const minFreeBytes = numberOption(WHERE, 'minFreeBytes', options.minFreeBytes, 0, 0, 2 ** 60);
  return {
    ...baseRegistration(options, 'DiskSpace'),
    operation: 'STATFS',
    check: async () => {
      // Imported here, not at load: the engine entry loads no Node built-in.
      const { statfs } = await import('node:fs/promises');
      const stats = await statfs(path);
      // `bavail` is what an unprivileged process may still write; `bfree` counts the root reserve too.
      const free = stats.bavail * stats.bsize;
      const total = stats.blocks * stats.bsize;
      const ratio = total > 0 ? free / total : 0;
      const shown = `free disk space ${formatBytes(free)} (${Math.round(ratio * 1000) / 10}%) at ${path}`;
      if (ratio < minFreeRatio) throw new Error(`${shown} is below the ${minFreeRatio * 100}% threshold`);
      if (free < minFreeBytes)
        throw new Error(`${shown} is below the ${formatBytes(minFreeBytes)} threshold`);
      return free;
    },
  };
}

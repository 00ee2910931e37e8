// Heap used and resident set size as readiness probes: a replica about to run out of memory leaves the load
// balancer before the OOM killer takes it, with the figure in the 503. Read on each check (cheap), no timer.
// node:v8 (for the default heap threshold) is imported on first check, so the engine entry loads no Node built-in.
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

/** Options of `heapUsedProbe()`. */
export interface HeapUsedProbeOptions extends ProcessProbeOptions {
  /** Fails when `heapUsed` exceeds this many bytes (default 90% of V8's heap size limit). */
  maxHeapUsedBytes?: number;
}

/** Options of `rssProbe()`. */
export interface RssProbeOptions extends ProcessProbeOptions {
  /** Fails when the resident set size exceeds this many bytes (required: only the host knows its memory limit). */
  maxRssBytes: number;
}

const HEAP_KEYS = Object.keys({
  ...PROCESS_PROBE_OPTIONS,
  maxHeapUsedBytes: true,
} satisfies Record<keyof HeapUsedProbeOptions, true>);

const RSS_KEYS = Object.keys({
  ...PROCESS_PROBE_OPTIONS,
  maxRssBytes: true,
} satisfies Record<keyof RssProbeOptions, true>);

const MAX_BYTES = 2 ** 50;

/** A probe (default name `Heap`) failing while V8's used heap is above the threshold. */
export function heapUsedProbe(options: HeapUsedProbeOptions = {}): ProbeRegistration {
  checkOptions('heapUsedProbe', options, HEAP_KEYS);
  const given = numberOption('heapUsedProbe', 'maxHeapUsedBytes', options.maxHeapUsedBytes, 0, 1, MAX_BYTES);
  let max = options.maxHeapUsedBytes === undefined ? undefined : given;
  return {
    ...baseRegistration(options, 'Heap'),
    check: async () => {
      max ??= Math.floor((await import('node:v8')).getHeapStatistics().heap_size_limit * 0.9);
      const used = process.memoryUsage().heapUsed;
      if (used > max)
        throw new Error(`heap used ${formatBytes(used)} is above the ${formatBytes(max)} threshold`);
      return used;
    },
  };
}

/** A probe (default name `RSS`) failing while the process's resident set size is above `maxRssBytes`. */
export function rssProbe(options: RssProbeOptions): ProbeRegistration {
  checkOptions('rssProbe', options, RSS_KEYS);
  if (options.maxRssBytes === undefined) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'rssProbe maxRssBytes',
      'is required (the memory limit of the container)',
    );
  }
  const max = numberOption('rssProbe', 'maxRssBytes', options.maxRssBytes, 0, 1, MAX_BYTES);
  return {
    ...baseRegistration(options, 'RSS'),
    check: () => {
      const rss = process.memoryUsage.rss();
      if (rss > max) throw new Error(`RSS ${formatBytes(rss)} is above the ${formatBytes(max)} threshold`);
      return rss;
    },
  };
}

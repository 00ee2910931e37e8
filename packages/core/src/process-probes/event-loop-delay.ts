// Event-loop delay: p99 of `perf_hooks.monitorEventLoopDelay` over a window (what @fastify/under-pressure's
// maxEventLoopDelay measures), as a readiness probe. The check reads the worse of the last closed window and the
// window in progress, so a stall is seen by the first check after it, and recovery needs one clean window.
// node:perf_hooks is imported when the factory is called, not when the engine loads: the engine entry stays free of
// Node built-ins for runtimes that serve readyz through the fetch adapter.
import type { IntervalHistogram } from 'node:perf_hooks';
import type { ProbeRegistration } from '../probe/types.js';
import {
  baseRegistration,
  checkOptions,
  formatMs,
  numberOption,
  PROCESS_PROBE_OPTIONS,
  type ProcessProbeOptions,
} from './options.js';
import { everyWindow } from './sampler.js';

/** Options of `eventLoopDelayProbe()`. */
export interface EventLoopDelayProbeOptions extends ProcessProbeOptions {
  /** Fails when the p99 delay exceeds this many ms (default 500). */
  maxDelayMs?: number;
  /** Length of a measuring window in ms (default 5000). */
  windowMs?: number;
  /** Histogram sampling resolution in ms (default 10). */
  resolutionMs?: number;
}

const KEYS = Object.keys({
  ...PROCESS_PROBE_OPTIONS,
  maxDelayMs: true,
  windowMs: true,
  resolutionMs: true,
} satisfies Record<keyof EventLoopDelayProbeOptions, true>);

const WHERE = 'eventLoopDelayProbe';

/**
 * A probe (default name `EventLoop`, group readiness) failing while the event loop's p99 delay is above
 * `maxDelayMs`: `event loop delay p99 742ms over 5000ms is above the 500ms threshold`.
 */
export function eventLoopDelayProbe(options: EventLoopDelayProbeOptions = {}): ProbeRegistration {
  checkOptions(WHERE, options, KEYS);
  const maxDelayMs = numberOption(WHERE, 'maxDelayMs', options.maxDelayMs, 500, 1, 60_000);
  const windowMs = numberOption(WHERE, 'windowMs', options.windowMs, 5000, 100, 600_000);
  const resolutionMs = numberOption(WHERE, 'resolutionMs', options.resolutionMs, 10, 1, 1000);
  let histogram: IntervalHistogram | undefined;
  let closed = false;
  void import('node:perf_hooks').then(({ monitorEventLoopDelay }) => {
    if (closed) return;
    histogram = monitorEventLoopDelay({ resolution: Math.round(resolutionMs) });
    histogram.enable();
  });
  const p99Of = (h: IntervalHistogram | undefined) =>
    h !== undefined && h.count > 0 ? h.percentile(99) / 1e6 : 0;
  let lastWindowP99 = 0;
  const timer = everyWindow(windowMs, () => {
    lastWindowP99 = p99Of(histogram);
    histogram?.reset();
  });
  return {
    ...baseRegistration(options, 'EventLoop'),
    check: () => {
      const p99 = Math.max(lastWindowP99, p99Of(histogram));
      if (p99 > maxDelayMs) {
        throw new Error(
          `event loop delay p99 ${formatMs(p99)} over ${windowMs}ms is above the ${formatMs(maxDelayMs)} threshold`,
        );
      }
      return p99;
    },
    close: () => {
      closed = true;
      timer.stop();
      histogram?.disable();
    },
  };
}

// Event-loop utilisation: the share of a window the loop spent busy (`performance.eventLoopUtilization`), as a
// readiness probe. Delay says the loop stalled; utilisation says it is saturated before it stalls. Node's global
// `performance` carries `eventLoopUtilization`; a runtime without it is refused at setup, not failed at run time.
import type { Performance as NodePerformance } from 'node:perf_hooks';
import { rollgateError } from '../errors.js';
import type { ProbeRegistration } from '../probe/types.js';
import {
  baseRegistration,
  checkOptions,
  numberOption,
  PROCESS_PROBE_OPTIONS,
  type ProcessProbeOptions,
} from './options.js';
import { everyWindow } from './sampler.js';

/** Options of `eventLoopUtilizationProbe()`. */
export interface EventLoopUtilizationProbeOptions extends ProcessProbeOptions {
  /** Fails when utilisation over the window exceeds this fraction (default 0.98, from 0 to 1). */
  maxUtilization?: number;
  /** Length of a measuring window in ms (default 5000). */
  windowMs?: number;
}

const KEYS = Object.keys({
  ...PROCESS_PROBE_OPTIONS,
  maxUtilization: true,
  windowMs: true,
} satisfies Record<keyof EventLoopUtilizationProbeOptions, true>);

const WHERE = 'eventLoopUtilizationProbe';

/**
 * A probe (default name `EventLoopUtilization`, group readiness) failing while the loop's utilisation over the
 * last window is above `maxUtilization`: `event loop utilisation 99.2% over 5000ms is above the 98% threshold`.
 */
export function eventLoopUtilizationProbe(options: EventLoopUtilizationProbeOptions = {}): ProbeRegistration {
  checkOptions(WHERE, options, KEYS);
  const maxUtilization = numberOption(WHERE, 'maxUtilization', options.maxUtilization, 0.98, 0, 1);
  const windowMs = numberOption(WHERE, 'windowMs', options.windowMs, 5000, 100, 600_000);
  const measure = (globalThis.performance as Partial<NodePerformance> | undefined)?.eventLoopUtilization;
  if (typeof measure !== 'function') {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      WHERE,
      'this runtime has no performance.eventLoopUtilization',
    );
  }
  const elu = measure.bind(globalThis.performance) as NodePerformance['eventLoopUtilization'];
  let windowStart = elu();
  let lastWindow: number | undefined;
  const timer = everyWindow(windowMs, () => {
    const now = elu();
    lastWindow = elu(now, windowStart).utilization;
    windowStart = now;
  });
  return {
    ...baseRegistration(options, 'EventLoopUtilization'),
    check: () => {
      // Before the first window closes, the time since the probe was created is the window.
      const utilization = lastWindow ?? elu(windowStart).utilization;
      if (utilization > maxUtilization) {
        throw new Error(
          `event loop utilisation ${percent(utilization)} over ${windowMs}ms is above the ${percent(maxUtilization)} threshold`,
        );
      }
      return utilization;
    },
    close: () => timer.stop(),
  };
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

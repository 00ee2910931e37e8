// The numbers the rules judge by come from rollgate itself: the engine's probe cap and heartbeat, and the
// adapters' shutdown defaults. A manifest is checked against what the code will actually do.

import { DEFAULT_DRAIN_DELAY_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS } from '@rollgate/adapters/shutdown';
import { DEFAULT_HEARTBEAT, PROBE_TIMEOUT_CAP_MS } from '@rollgate/core';
import type { LintSettings } from './types.js';

/** Options of `lintManifests`: each defaults to rollgate's own value. */
export interface LintK8sOptions {
  /** The path readiness probes must GET (default `/readyz`). */
  readinessPath?: string;
  /** `installShutdown`'s `drainDelayMs` the service uses (default the adapters' default). */
  drainDelayMs?: number;
  /** `installShutdown`'s `timeoutMs` the service uses (default the adapters' default). */
  shutdownTimeoutMs?: number;
}

/** The settings of one run: the options, else rollgate's defaults. */
export function lintSettings(options: LintK8sOptions = {}): LintSettings {
  return {
    readinessPath: options.readinessPath ?? '/readyz',
    heartbeat: {
      failureThreshold: DEFAULT_HEARTBEAT.failureThreshold,
      successThreshold: DEFAULT_HEARTBEAT.successThreshold,
    },
    probeTimeoutCapSeconds: PROBE_TIMEOUT_CAP_MS / 1000,
    // Failures in the heartbeat's grace after start do not count; a longer liveness delay is guessing at the start.
    livenessDelayLimitSeconds: DEFAULT_HEARTBEAT.graceMs / 1000,
    drainDelayMs: options.drainDelayMs ?? DEFAULT_DRAIN_DELAY_MS,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
  };
}

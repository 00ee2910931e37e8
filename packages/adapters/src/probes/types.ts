import type { ProbeRegistration } from '@rollgate/core';

/** Options every probe factory accepts. */
export interface CommonProbeOptions {
  /** Display name, reported as `dependency` in failure bodies. */
  name?: string;
  /**
   * Probe timeout in ms (at most the engine's `PROBE_TIMEOUT_CAP_MS`, 5000; default: the health's
   * `probeTimeoutMs`). The engine enforces it
   * and fails the probe with `<operation> timeout after <n>ms` (`PING timeout after 300ms`).
   */
  timeoutMs?: number;
  /** A failing critical probe fails readiness; a non-critical one only degrades it (default true). */
  critical?: boolean;
  /** Probe groups (default `['readiness']`). */
  groups?: ProbeRegistration['groups'];
}

/** Every key of {@link CommonProbeOptions}, as a record each factory spreads into its own list of keys. */
export const COMMON_PROBE_OPTIONS = {
  name: true,
  timeoutMs: true,
  critical: true,
  groups: true,
} as const satisfies Record<keyof CommonProbeOptions, true>;

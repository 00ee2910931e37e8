import type { ProbeRegistration } from '@rollgate/core';

/**
 * What every probe factory returns: a registration ready for `health.register()`. It carries the
 * display name that failure bodies name as `dependency` ("Postgres", "Redis", "Kafka").
 */
export type DependencyProbe = ProbeRegistration & { readonly name: string };

/** Options every probe factory accepts. */
export interface CommonProbeOptions {
  /** Display name, reported as `dependency` in failure bodies. */
  name?: string;
  /**
   * The probe's own deadline in ms (at most 5000). When set, a timeout names the operation that hung
   * (`PING timeout after 300ms`) and the engine's timeout is set 50 ms later as a backstop. When unset,
   * the health's `probeTimeoutMs` applies and the failure reads `timeout after <n>ms`.
   */
  timeoutMs?: number;
  /** A failing critical probe fails readiness; a non-critical one only degrades it (default true). */
  critical?: boolean;
  /** Probe groups (default `['readiness']`). */
  groups?: ProbeRegistration['groups'];
}

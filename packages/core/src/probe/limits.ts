// Numbers the engine's behaviour is defined by (DESIGN.md "Semantics settled").

/** No probe timeout (nor `probeTimeoutMs`) may exceed this: a longer probe keeps Kubernetes from evicting a stuck pod. */
export const PROBE_TIMEOUT_CAP_MS = 5000;
/** Default probe timeout. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2000;
/** Default time a settled probe result is reused. */
export const DEFAULT_CACHE_TTL_MS = 1000;
/** Added to the largest probe timeout to form the default whole-check deadline. */
export const DEADLINE_SLACK_MS = 250;
/** Default heartbeat settings (the deployment → observability contract's values). */
export const DEFAULT_HEARTBEAT = {
  intervalMs: 10_000,
  successThreshold: 3,
  failureThreshold: 3,
  graceMs: 30_000,
} as const;
/** Longest probe or service name (the contract's `Name`). */
export const MAX_NAME_LENGTH = 256;
/** Longest `operation` of a probe: it prefixes the timeout text, so it stays a short label (`PING`, `SELECT 1`). */
export const MAX_OPERATION_LENGTH = 64;

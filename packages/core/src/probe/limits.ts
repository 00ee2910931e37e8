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
/** Longest failure drill (`simulate()`'s `forMs`): a forgotten drill ends within the hour. */
export const MAX_DRILL_MS = 3_600_000;
/** Longest delay a `latency` drill adds. */
export const MAX_DRILL_LATENCY_MS = 60_000;
/** Most attempts of a startup probe with retries. */
export const MAX_STARTUP_ATTEMPTS = 100;
/** Default wait before a startup probe's second attempt (doubled for each later one). */
export const DEFAULT_RETRY_BACKOFF_MS = 1000;
/** Longest wait between two attempts of a startup probe. */
export const MAX_RETRY_BACKOFF_MS = 30_000;
/** Longest startup budget. */
export const MAX_STARTUP_BUDGET_MS = 3_600_000;

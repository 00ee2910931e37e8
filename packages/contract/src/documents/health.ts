import { z } from 'zod';
import { Name, SchemaVersion, Text, Timestamp } from '../primitives/schemas.js';

/** Overall health: `degraded` means only non-critical probes fail. */
export const HealthStatus = z.enum(['ok', 'degraded', 'fail']);
/** Overall health. */
export type HealthStatus = z.infer<typeof HealthStatus>;

/**
 * A status word a host maps `ok`, `degraded` or `fail` to for scripts that expect their own words
 * (`ready`, `not_ready`, `alive`, `started`, `starting`): lowercase, 1 to 32 characters.
 */
export const HealthStatusWord = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a lowercase status word such as "ready" (1-32 characters)');
/** A status word a host maps `ok`, `degraded` or `fail` to. */
export type HealthStatusWord = z.infer<typeof HealthStatusWord>;

/** Probe groups Kubernetes asks about. */
export const ProbeGroup = z.enum(['startup', 'liveness', 'readiness']);
/** Probe groups Kubernetes asks about. */
export type ProbeGroup = z.infer<typeof ProbeGroup>;

/** Result of one probe in a health report; `error` is always redacted. */
export const HealthCheckResult = z.strictObject({
  name: Name,
  status: z.enum(['ok', 'fail']),
  critical: z.boolean(),
  duration_ms: z.number().finite().min(0),
  error: Text.optional(),
  cached: z.boolean().optional(),
  observed_at: Timestamp.optional(),
  /** True while a failure drill (`health.simulate()`) drives this probe: not an outage. */
  simulated: z.boolean().optional(),
  /** Startup probe with retries: the attempt this result came from (1 = first). */
  attempt: z.number().int().min(1).max(1000).optional(),
});
/** Result of one probe in a health report. */
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

/** A failing probe named in a failure body. */
export const HealthFailure = z.strictObject({
  name: Name,
  error: Text.optional(),
  critical: z.boolean().optional(),
  /** True while a failure drill drives this probe: not an outage. */
  simulated: z.boolean().optional(),
});
/** A failing probe named in a failure body. */
export type HealthFailure = z.infer<typeof HealthFailure>;

/**
 * The `/readyz` response: `{"status":"ok"}` at its smallest; on failure the first failing critical
 * `dependency`, its redacted `error`, every `failures` entry, and with `?verbose` every check.
 */
export const HealthReport = z.strictObject({
  schema_version: SchemaVersion.optional(),
  /** `ok`, `degraded` or `fail`, or the word a host mapped one of them to (`ready`, `not_ready`, …). */
  status: z.union([HealthStatus, HealthStatusWord]),
  service: Name.optional(),
  version: Name.optional(),
  group: z.union([ProbeGroup, z.literal('probe')]).optional(),
  dependency: Name.optional(),
  error: Text.optional(),
  reason: z.enum(['draining', 'starting', 'closed', 'maintenance']).optional(),
  failures: z.array(HealthFailure).optional(),
  checks: z.array(HealthCheckResult).optional(),
  unknown_excluded: z.array(z.string().max(256)).optional(),
  timestamp: Timestamp.optional(),
  duration_ms: z.number().finite().min(0).optional(),
  /** The same duration under the name liveness scripts read (`/healthz?verbose`). */
  response_time_ms: z.number().finite().min(0).optional(),
});
/** The `/readyz` response. */
export type HealthReport = z.infer<typeof HealthReport>;

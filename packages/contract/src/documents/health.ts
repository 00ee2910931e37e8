import { z } from 'zod';
import { Name, SchemaVersion, Text, Timestamp } from '../primitives/schemas.js';

/** Overall health: `degraded` means only non-critical probes fail. */
export const HealthStatus = z.enum(['ok', 'degraded', 'fail']);
/** Overall health. */
export type HealthStatus = z.infer<typeof HealthStatus>;

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
});
/** Result of one probe in a health report. */
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

/** A failing probe named in a failure body. */
export const HealthFailure = z.strictObject({
  name: Name,
  error: Text.optional(),
  critical: z.boolean().optional(),
});
/** A failing probe named in a failure body. */
export type HealthFailure = z.infer<typeof HealthFailure>;

/**
 * The `/readyz` response: `{"status":"ok"}` at its smallest; on failure the first failing critical
 * `dependency`, its redacted `error`, every `failures` entry, and with `?verbose` every check.
 */
export const HealthReport = z.strictObject({
  schema_version: SchemaVersion.optional(),
  status: HealthStatus,
  service: Name.optional(),
  version: Name.optional(),
  group: z.union([ProbeGroup, z.literal('probe')]).optional(),
  dependency: Name.optional(),
  error: Text.optional(),
  reason: z.enum(['draining', 'starting', 'closed']).optional(),
  failures: z.array(HealthFailure).optional(),
  checks: z.array(HealthCheckResult).optional(),
  unknown_excluded: z.array(z.string().max(256)).optional(),
  timestamp: Timestamp.optional(),
  duration_ms: z.number().finite().min(0).optional(),
});
/** The `/readyz` response. */
export type HealthReport = z.infer<typeof HealthReport>;

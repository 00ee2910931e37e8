import { z } from 'zod';
import { Environment, Name, SchemaVersion, Text, Timestamp } from '../primitives/schemas.js';

/** A bound on a measured value: `{ lt: 200 }`, `{ lte: 0.01 }`, `{ max: 0 }` (same as lte), or the string form `"< 200"`. */
export const Bound = z.union([
  z
    .strictObject({
      lt: z.number().finite().optional(),
      lte: z.number().finite().optional(),
      gt: z.number().finite().optional(),
      gte: z.number().finite().optional(),
      max: z.number().finite().optional(),
      min: z.number().finite().optional(),
    })
    .refine((b) => Object.keys(b).length > 0, 'a bound needs at least one of lt, lte, gt, gte, max, min')
    // The refinement does not export; minProperties carries the same rule to JSON Schema users.
    .meta({ minProperties: 1 }),
  z
    .string()
    .regex(
      /^\s*(<|<=|>|>=|==)\s*-?\d+(\.\d+)?\s*$/,
      'expected a bound such as "< 200" or an object such as { lt: 200 }',
    ),
  z.number().finite(),
]);
/** A bound on a measured value; a bare number means "at most this". */
export type Bound = z.infer<typeof Bound>;

/** The policies a release must satisfy before the deployment gate lets it through. */
export const GatePolicies = z.strictObject({
  readiness_passed: z.boolean().optional(),
  performance_p95_ms: Bound.optional(),
  error_rate: Bound.optional(),
  open_critical_incidents: Bound.optional(),
  readiness_waiver_expired: z.boolean().optional(),
});
/** The policies a release must satisfy. */
export type GatePolicies = z.infer<typeof GatePolicies>;

/** Deployment gate policy: thresholds, approval roster per environment and rehearsal freshness. */
export const GatePolicy = z.strictObject({
  schema_version: SchemaVersion.optional(),
  policies: GatePolicies,
  approvals: z.record(Environment, z.array(Name)).optional(),
  max_rehearsal_age_days: z.number().finite().min(0).max(3650).optional(),
  allow_waivers: z.boolean().optional(),
  // A signed manifest proves it is the one the approvers saw; the CLI verifies, the gate only reads the verdict.
  require_signature: z.boolean().optional(),
});
/** Deployment gate policy. */
export type GatePolicy = z.infer<typeof GatePolicy>;

/** What the gate decided. */
export const GateVerdict = z.enum(['approve', 'reject', 'waiver_required']);
/** What the gate decided. */
export type GateVerdict = z.infer<typeof GateVerdict>;

/** Reason codes the gate emits today; codes are stable, messages are for people. */
export const GATE_REASON_CODES = [
  'READINESS_FAILED',
  'READINESS_MISSING',
  'P95_ABOVE_LIMIT',
  'ERROR_RATE_ABOVE_LIMIT',
  'OPEN_CRITICAL_INCIDENTS',
  'WAIVER_EXPIRED',
  'WAIVER_APPLIED',
  'WAIVERS_DISALLOWED',
  'APPROVAL_MISSING',
  'REHEARSAL_STALE',
  'REHEARSAL_MISSING',
  'SIGNAL_MISSING',
  'ENVIRONMENT_MISMATCH',
  'ENVIRONMENT_UNKNOWN',
  'POLICY_INVALID',
  'MANIFEST_INVALID',
  'INPUT_INVALID',
  'POLICY_PASSED',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
] as const;

/** One explained reason of a gate decision. */
export const GateReason = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an upper-case reason code such as APPROVAL_MISSING'),
  message: Text.min(1),
  policy: Name.optional(),
  observed: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional(),
  limit: z.union([z.number(), z.string(), z.boolean()]).optional(),
  waiver_id: Name.optional(),
});
/** One explained reason of a gate decision. */
export type GateReason = z.infer<typeof GateReason>;

/** The deployment gate's decision record. */
export const GateDecision = z.strictObject({
  schema_version: SchemaVersion.optional(),
  decision: GateVerdict,
  release_id: Name,
  environment: Environment.optional(),
  decided_at: Timestamp,
  reasons: z.array(GateReason),
  input_hash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
});
/** The deployment gate's decision record. */
export type GateDecision = z.infer<typeof GateDecision>;

import { z } from 'zod';
import { Environment, Name, SchemaVersion, Sha256Digest, Text, Timestamp } from '../primitives/schemas.js';

/** A released artifact pinned by its sha256 digest. */
export const Artifact = z.strictObject({
  name: Name,
  version: Name,
  hash: Sha256Digest,
});
/** A released artifact pinned by its sha256 digest. */
export type Artifact = z.infer<typeof Artifact>;

/** Rollout ramp of a feature flag: percentages joined by `->`, e.g. `5%->25%->50%`. */
export const RolloutPlan = z
  .string()
  .regex(/^(100|[1-9]?\d)%(->(100|[1-9]?\d)%)*$/, 'expected a ramp of percentages such as "5%->25%->50%"');

/** A feature flag shipped with the release, its ramp and its fallback. */
export const FeatureFlag = z.strictObject({
  name: Name,
  rollout_plan: RolloutPlan,
  fallback: z.string().min(1).max(256),
});
/** A feature flag shipped with the release. */
export type FeatureFlag = z.infer<typeof FeatureFlag>;

/** A secret version the release depends on, with evidence of its rotation (never the value). */
export const SecretRef = z.strictObject({
  name: Name,
  version: Name,
  rotation_evidence: z.string().min(1).max(2048),
});
/** A secret version the release depends on. */
export type SecretRef = z.infer<typeof SecretRef>;

/** A schema migration with its dry-run evidence and rollback script. */
export const Migration = z.strictObject({
  id: Name,
  dry_run: z.string().min(1).max(2048),
  rollback: z.string().min(1).max(2048),
});
/** A schema migration with its dry-run evidence and rollback script. */
export type Migration = z.infer<typeof Migration>;

/** A recorded approval: who approved in which role, when, and optionally why. */
export const Approval = z.strictObject({
  role: Name,
  actor: Name,
  timestamp: Timestamp,
  reason: Text.optional(),
});
/** A recorded approval. */
export type Approval = z.infer<typeof Approval>;

/** How to roll back, what triggers it, and when it was last rehearsed. */
export const RollbackPlan = z.strictObject({
  trigger: z.string().min(1).max(1024),
  steps: z.array(z.string().min(1).max(1024)).min(1, 'a rollback plan needs at least one step'),
  rehearsed_at: Timestamp,
});
/** How to roll back, what triggers it, and when it was last rehearsed. */
export type RollbackPlan = z.infer<typeof RollbackPlan>;

/** A recorded exception to a gate policy, valid until it expires. */
export const Waiver = z.strictObject({
  id: Name,
  policy: z.enum([
    'readiness_passed',
    'performance_p95_ms',
    'error_rate',
    'open_critical_incidents',
    'max_rehearsal_age_days',
  ]),
  // A waiver is an audited exception: a reason of only whitespace explains nothing.
  reason: Text.regex(/\S/, 'must say why: not empty or only whitespace'),
  approved_by: Name,
  expires_at: Timestamp,
});
/** A recorded exception to a gate policy. */
export type Waiver = z.infer<typeof Waiver>;

/** `release-manifest.json`: artifacts, flags, secrets, migrations, approvals and rollback plan of a release. */
export const ReleaseManifest = z.strictObject({
  schema_version: SchemaVersion.optional(),
  release: Name,
  generated_at: Timestamp,
  artifacts: z.array(Artifact).min(1, 'a release has at least one artifact'),
  scorecard_path: z.string().min(1).max(2048),
  readiness_run_id: Name,
  feature_flags: z.array(FeatureFlag),
  secrets: z.array(SecretRef),
  migrations: z.array(Migration),
  approvals: z.array(Approval),
  rollback_plan: RollbackPlan,
  waivers: z.array(Waiver).optional(),
  metadata: z.looseObject({ environment: Environment }),
});
/** `release-manifest.json`. */
export type ReleaseManifest = z.infer<typeof ReleaseManifest>;

/** Result of one readiness suite. */
export const SuiteResult = z.strictObject({
  name: Name,
  status: z.enum(['passed', 'failed', 'skipped', 'flaky']),
  duration_seconds: z.number().finite().min(0).optional(),
  tests: z.number().int().min(0).optional(),
  failures: z.number().int().min(0).optional(),
});
/** Result of one readiness suite. */
export type SuiteResult = z.infer<typeof SuiteResult>;

/** Readiness scorecard: overall verdict and the measured SLIs the gate reads. */
export const Scorecard = z.strictObject({
  passed: z.boolean(),
  score: z.number().finite().min(0).max(100).optional(),
  performance_p95_ms: z.number().finite().min(0).optional(),
  error_rate: z.number().finite().min(0).max(1).optional(),
  flake_rate: z.number().finite().min(0).max(1).optional(),
  waiver_expires_at: Timestamp.optional(),
});
/** Readiness scorecard. */
export type Scorecard = z.infer<typeof Scorecard>;

/** `readiness_report.json`: suite results and the scorecard of one readiness run. */
export const ReadinessReport = z.strictObject({
  schema_version: SchemaVersion.optional(),
  run_id: Name,
  started_at: Timestamp,
  completed_at: Timestamp.optional(),
  suites: z.array(SuiteResult).min(1, 'a readiness run has at least one suite'),
  scorecard: Scorecard,
});
/** `readiness_report.json`. */
export type ReadinessReport = z.infer<typeof ReadinessReport>;

/** An artifact the release config names; its digest is computed from `path` when the manifest is assembled. */
export const ReleaseConfigArtifact = z.strictObject({
  name: Name,
  version: Name,
  path: z.string().min(1).max(4096).optional(),
});
/** An artifact the release config names. */
export type ReleaseConfigArtifact = z.infer<typeof ReleaseConfigArtifact>;

/**
 * `release.yml`: what a release ships, the input of `rollgate manifest`. The manifest adds the artifacts'
 * digests, the readiness run, the generation time and an empty approval log.
 */
export const ReleaseConfig = z.strictObject({
  schema_version: SchemaVersion.optional(),
  release: Name,
  environment: Environment,
  artifacts: z.array(ReleaseConfigArtifact).min(1, 'a release has at least one artifact'),
  scorecard_path: z.string().min(1).max(2048).optional(),
  feature_flags: z.array(FeatureFlag).optional(),
  secrets: z.array(SecretRef).optional(),
  migrations: z.array(Migration).optional(),
  rollback_plan: RollbackPlan,
  waivers: z.array(Waiver).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
/** `release.yml`: what a release ships. */
export type ReleaseConfig = z.infer<typeof ReleaseConfig>;

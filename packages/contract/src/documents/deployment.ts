import { z } from 'zod';
import {
  Duration,
  Environment,
  GitSha,
  Name,
  SchemaVersion,
  Sha256Digest,
  Text,
  Timestamp,
} from '../primitives/schemas.js';

/** How traffic moves to a new version. */
export const RolloutStrategy = z.enum(['canary', 'blue_green', 'rolling', 'recreate']);
/** How traffic moves to a new version. */
export type RolloutStrategy = z.infer<typeof RolloutStrategy>;

/** A container image with the commit it was built from. */
export const ImageRef = z.strictObject({
  name: Name,
  repository: Name.optional(),
  git_sha: GitSha,
  tag: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'expected an OCI tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})'),
  digest: Sha256Digest.optional(),
});
/** A container image with the commit it was built from. */
export type ImageRef = z.infer<typeof ImageRef>;

/** A service deployed by the manifest. */
export const ServiceSpec = z.strictObject({
  name: Name,
  image: Name.optional(),
  replicas: z.number().int().min(0).max(10_000).optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  readiness_path: z.string().regex(/^\//, 'expected an absolute path such as /readyz').optional(),
  liveness_path: z.string().regex(/^\//, 'expected an absolute path such as /livez').optional(),
});
/** A service deployed by the manifest. */
export type ServiceSpec = z.infer<typeof ServiceSpec>;

/** `deploy/deployment_manifest.yaml`: what is deployed where, and how. */
export const DeploymentManifest = z.strictObject({
  schema_version: SchemaVersion.optional(),
  env: Environment,
  version: Name,
  rollout_strategy: RolloutStrategy,
  services: z.array(ServiceSpec).min(1, 'at least one service is required'),
  images: z.array(ImageRef).min(1, 'at least one image is required'),
  config: z.record(z.string(), z.unknown()).optional(),
  canary_window: Duration.optional(),
});
/** `deploy/deployment_manifest.yaml`: what is deployed where, and how. */
export type DeploymentManifest = z.infer<typeof DeploymentManifest>;

/** A metric the deployment promises to export. */
export const MetricSpec = z.strictObject({
  name: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:.]*$/, 'expected a metric name such as http.server.errors.rate'),
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']).optional(),
  unit: z.string().max(64).optional(),
  description: Text.optional(),
  labels: z.array(Name).optional(),
});
/** A metric the deployment promises to export. */
export type MetricSpec = z.infer<typeof MetricSpec>;

/** A reference to a dashboard or alert owned elsewhere (references only, never definitions). */
export const ObservabilityRef = z.strictObject({
  name: Name,
  ref: z.string().min(1).max(2048),
});
/** A reference to a dashboard or alert owned elsewhere. */
export type ObservabilityRef = z.infer<typeof ObservabilityRef>;

/** `deploy/monitoring_config.json`: metrics list plus dashboard and alert references. */
export const MonitoringConfig = z.strictObject({
  schema_version: SchemaVersion.optional(),
  service: Name.optional(),
  metrics: z.array(MetricSpec).min(1, 'at least one metric is required'),
  dashboards: z.array(ObservabilityRef).optional(),
  alerts: z.array(ObservabilityRef).optional(),
});
/** `deploy/monitoring_config.json`: metrics list plus dashboard and alert references. */
export type MonitoringConfig = z.infer<typeof MonitoringConfig>;

/** Outcome recorded in a release report. */
export const ReleaseStatus = z.enum(['in_progress', 'succeeded', 'failed', 'rolled_back']);
/** Outcome recorded in a release report. */
export type ReleaseStatus = z.infer<typeof ReleaseStatus>;

/** `deploy/release_report.md` front matter: status, timestamps, env, version, notes. */
export const ReleaseReport = z.strictObject({
  schema_version: SchemaVersion.optional(),
  status: ReleaseStatus,
  env: Environment,
  version: Name,
  started_at: Timestamp,
  completed_at: Timestamp.optional(),
  notes: z.union([Text, z.array(Text)]).optional(),
});
/** `deploy/release_report.md` front matter. */
export type ReleaseReport = z.infer<typeof ReleaseReport>;

/** Build metadata: commit, ref, registry and build time. */
export const BuildMetadata = z.strictObject({
  schema_version: SchemaVersion.optional(),
  git_sha: GitSha,
  git_ref: z.string().min(1).max(256),
  artifact_registry: z.string().min(1).max(512),
  timestamp: Timestamp,
});
/** Build metadata: commit, ref, registry and build time. */
export type BuildMetadata = z.infer<typeof BuildMetadata>;

import type { z } from 'zod';
import { CanaryPlan } from './documents/canary.js';
import {
  BuildMetadata,
  DeploymentManifest,
  MonitoringConfig,
  ReleaseReport,
} from './documents/deployment.js';
import { GateDecision, GatePolicy } from './documents/gate.js';
import { HealthReport } from './documents/health.js';
import { MetricQueries } from './documents/queries.js';
import { ReadinessReport, ReleaseConfig, ReleaseManifest } from './documents/release.js';
import { RollbackRules } from './documents/rules.js';
import { ObservabilityTelemetryEvent, RollbackRequested, TelemetryEvent } from './events/telemetry-event.js';

/** Every document kind the contract can parse, keyed by its file-friendly name. */
export const CONTRACT_SCHEMAS = {
  'deployment-manifest': DeploymentManifest,
  'monitoring-config': MonitoringConfig,
  'release-report': ReleaseReport,
  'build-metadata': BuildMetadata,
  'release-manifest': ReleaseManifest,
  'readiness-report': ReadinessReport,
  'release-config': ReleaseConfig,
  'telemetry-event': TelemetryEvent,
  'rollback-requested': RollbackRequested,
  'health-report': HealthReport,
  'gate-policy': GatePolicy,
  'gate-decision': GateDecision,
  'rollback-rules': RollbackRules,
  'canary-plan': CanaryPlan,
  'metric-queries': MetricQueries,
} as const;

/** Schemas that have a stricter observability profile (+08:00 timestamps). */
export const OBSERVABILITY_SCHEMAS: Partial<Record<ContractKind, z.ZodType>> = {
  'telemetry-event': ObservabilityTelemetryEvent,
};

/** A document kind: `'release-manifest'`, `'telemetry-event'`, … */
export type ContractKind = keyof typeof CONTRACT_SCHEMAS;

/** The parsed type of a document kind. */
export type ContractOf<K extends ContractKind> = z.infer<(typeof CONTRACT_SCHEMAS)[K]>;

/** Every kind name, in a stable order. */
export const CONTRACT_KINDS = Object.keys(CONTRACT_SCHEMAS) as ContractKind[];

/** True when the string names a document kind. */
export function isContractKind(value: unknown): value is ContractKind {
  return typeof value === 'string' && Object.hasOwn(CONTRACT_SCHEMAS, value);
}

// `@rollgate/contract/lazy`: one document kind's schema, built when first asked for. Importing the package root
// builds every kind's schema (each is an exported constant); a command that validates one file of one kind needs
// only that kind's, so the CLI's `validate` starts faster through this entry. Same schemas, same parse.
import type { z } from 'zod';
import { errorMessage } from './errors/describe-value.js';
import type { CONTRACT_SCHEMAS, ContractKind, ContractOf } from './kinds.js';
import type { ParseResult } from './parse/issues.js';
import { parseOptionIssues } from './parse/parse-options.js';
import { type ParseOptions, parseWithSchema, unknownKind } from './parse/parse-schema.js';

// In the order of CONTRACT_SCHEMAS. The type ties each loader to that registry's schema of the same kind (a kind
// missing, extra, or loading another kind's schema does not compile); a test checks they are the same objects.
const LOADERS: { readonly [K in ContractKind]: () => Promise<(typeof CONTRACT_SCHEMAS)[K]> } = {
  'deployment-manifest': async () => (await import('./documents/deployment.js')).DeploymentManifest,
  'monitoring-config': async () => (await import('./documents/deployment.js')).MonitoringConfig,
  'release-report': async () => (await import('./documents/deployment.js')).ReleaseReport,
  'build-metadata': async () => (await import('./documents/deployment.js')).BuildMetadata,
  'release-manifest': async () => (await import('./documents/release.js')).ReleaseManifest,
  'readiness-report': async () => (await import('./documents/release.js')).ReadinessReport,
  'release-config': async () => (await import('./documents/release.js')).ReleaseConfig,
  'telemetry-event': async () => (await import('./events/telemetry-event.js')).TelemetryEvent,
  'rollback-requested': async () => (await import('./events/telemetry-event.js')).RollbackRequested,
  'health-report': async () => (await import('./documents/health.js')).HealthReport,
  'gate-policy': async () => (await import('./documents/gate.js')).GatePolicy,
  'gate-decision': async () => (await import('./documents/gate.js')).GateDecision,
  'rollback-rules': async () => (await import('./documents/rules.js')).RollbackRules,
  'canary-plan': async () => (await import('./documents/canary.js')).CanaryPlan,
  'metric-queries': async () => (await import('./documents/queries.js')).MetricQueries,
};

const OBSERVABILITY_LOADERS: Partial<Record<ContractKind, () => Promise<z.ZodType>>> = {
  'telemetry-event': async () => (await import('./events/telemetry-event.js')).ObservabilityTelemetryEvent,
};

/** Every kind name, as `CONTRACT_KINDS` lists them, known without building any schema. */
export const CONTRACT_KIND_NAMES = Object.freeze(Object.keys(LOADERS) as ContractKind[]);

/** True when the string names a document kind (as `isContractKind`, without building any schema). */
export function isContractKindName(value: unknown): value is ContractKind {
  return typeof value === 'string' && Object.hasOwn(LOADERS, value);
}

/**
 * The schema of one kind (the object `CONTRACT_SCHEMAS[kind]` holds), loading only the module that defines it;
 * with `profile: 'observability'`, the stricter variant where there is one.
 */
export async function loadContractSchema(
  kind: ContractKind,
  profile?: ParseOptions['profile'],
): Promise<z.ZodType> {
  const load = (profile === 'observability' && OBSERVABILITY_LOADERS[kind]) || LOADERS[kind];
  return load();
}

/**
 * `parseContract` with only `kind`'s schema built: the same result, issues and messages for every input.
 * Never rejects.
 */
export async function parseContractLazy<K extends ContractKind>(
  kind: K,
  input: unknown,
  options: ParseOptions = {},
): Promise<ParseResult<ContractOf<K>>> {
  const optionIssues = parseOptionIssues(options);
  if (optionIssues.length > 0) return { ok: false, issues: optionIssues };
  if (!isContractKindName(kind)) return unknownKind(kind, CONTRACT_KIND_NAMES);
  let schema: z.ZodType;
  try {
    schema = await loadContractSchema(kind, options.profile);
  } catch (error) {
    const message = errorMessage(error);
    return { ok: false, issues: [{ path: '', code: 'internal', message: `could not validate: ${message}` }] };
  }
  return parseWithSchema<ContractOf<K>>(schema, input, options);
}

export type { ContractKind, ContractOf } from './kinds.js';
export type { ContractIssue, ParseResult } from './parse/issues.js';
export type { ParseOptions } from './parse/parse-schema.js';

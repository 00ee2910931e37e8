import type { ContractKind, ContractOf } from './kinds.js';
import { type ParseOptions, parseContract } from './parse/parse-contract.js';

/**
 * Asserts that a value conforms to a contract kind, for any test runner: returns the typed value,
 * or throws an Error listing every issue as `path: message`.
 */
export function expectConforms<K extends ContractKind>(
  kind: K,
  value: unknown,
  options?: ParseOptions,
): ContractOf<K> {
  const result = parseContract(kind, value, options);
  if (result.ok) return result.value;
  const lines = result.issues.map((i) => `  - ${i.path || '(document)'}: ${i.message}`);
  throw new Error(`value does not conform to ${kind}:\n${lines.join('\n')}`);
}

/** Asserts that a value does not conform, and returns the issue paths, for negative contract tests. */
export function expectViolates(kind: ContractKind, value: unknown, options?: ParseOptions): string[] {
  const result = parseContract(kind, value, options);
  if (result.ok) throw new Error(`value unexpectedly conforms to ${kind}`);
  return result.issues.map((i) => i.path);
}

export {
  DOCUMENT_FACTORIES,
  type DocumentFactory,
  makeBuildMetadata,
  makeCanaryPlan,
  makeDeploymentManifest,
  makeDocument,
  makeGateDecision,
  makeGatePolicy,
  makeHealthReport,
  makeMetricQueries,
  makeMonitoringConfig,
  makeReadinessReport,
  makeReleaseConfig,
  makeReleaseManifest,
  makeReleaseReport,
  makeRollbackRequested,
  makeRollbackRules,
  makeTelemetryEvent,
  type Overrides,
} from './testing/factories.js';

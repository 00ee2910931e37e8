// Fixture factories: a valid document of any kind in one line of a host's test, from the contract's own golden
// fixtures (src/testing/golden-bases.json, written by scripts/write-fixture-bases.mjs). Overrides are deep-merged
// and the result is validated, so a test never builds on a document the contract would refuse.
import type { ContractKind, ContractOf } from '../kinds.js';
import type { ParseOptions } from '../parse/parse-contract.js';
import { expectConforms } from '../testing.js';
import GOLDEN from './golden-bases.json';
import { deepMerge, type Overrides } from './merge.js';

export type { Overrides } from './merge.js';

/** A factory of one kind: the golden document with `overrides` merged in, validated. */
export type DocumentFactory<K extends ContractKind> = (overrides?: Overrides<ContractOf<K>>) => ContractOf<K>;

const BASES = GOLDEN as unknown as Record<string, { fixture: string; document: unknown } | undefined>;

/**
 * A valid document of `kind`: the kind's golden fixture with `overrides` deep-merged (objects merge, arrays and
 * scalars replace, `undefined` removes a key), then validated. Throws a readable Error listing every issue
 * when the overrides make it invalid. Each call returns a fresh copy.
 */
export function makeDocument<K extends ContractKind>(
  kind: K,
  overrides?: Overrides<ContractOf<K>>,
  options?: ParseOptions,
): ContractOf<K> {
  const base = BASES[kind];
  if (base === undefined)
    throw new Error(`no golden fixture for ${kind}: run node scripts/write-fixture-bases.mjs`);
  return expectConforms(kind, deepMerge(base.document, overrides), options);
}

const factory =
  <K extends ContractKind>(kind: K): DocumentFactory<K> =>
  (overrides) =>
    makeDocument(kind, overrides);

/** A valid `deployment-manifest`, overrides deep-merged. */
export const makeDeploymentManifest = factory('deployment-manifest');
/** A valid `monitoring-config`, overrides deep-merged. */
export const makeMonitoringConfig = factory('monitoring-config');
/** A valid `release-report` (the front matter of `release_report.md`), overrides deep-merged. */
export const makeReleaseReport = factory('release-report');
/** A valid `build-metadata`, overrides deep-merged. */
export const makeBuildMetadata = factory('build-metadata');
/** A valid `release-manifest`, overrides deep-merged. */
export const makeReleaseManifest = factory('release-manifest');
/** A valid `readiness-report`, overrides deep-merged. */
export const makeReadinessReport = factory('readiness-report');
/** A valid `release-config`, overrides deep-merged. */
export const makeReleaseConfig = factory('release-config');
/** A valid `telemetry-event`, overrides deep-merged. */
export const makeTelemetryEvent = factory('telemetry-event');
/** A valid `rollback-requested` event, overrides deep-merged. */
export const makeRollbackRequested = factory('rollback-requested');
/** A valid `health-report`, overrides deep-merged. */
export const makeHealthReport = factory('health-report');
/** A valid `gate-policy`, overrides deep-merged. */
export const makeGatePolicy = factory('gate-policy');
/** A valid `gate-decision`, overrides deep-merged. */
export const makeGateDecision = factory('gate-decision');
/** A valid `rollback-rules`, overrides deep-merged. */
export const makeRollbackRules = factory('rollback-rules');
/** A valid `canary-plan`, overrides deep-merged. */
export const makeCanaryPlan = factory('canary-plan');
/** A valid `metric-queries`, overrides deep-merged. */
export const makeMetricQueries = factory('metric-queries');

/** Every factory by kind; the type makes a new kind without a factory a compile error here. */
export const DOCUMENT_FACTORIES: { readonly [K in ContractKind]: DocumentFactory<K> } = {
  'deployment-manifest': makeDeploymentManifest,
  'monitoring-config': makeMonitoringConfig,
  'release-report': makeReleaseReport,
  'build-metadata': makeBuildMetadata,
  'release-manifest': makeReleaseManifest,
  'readiness-report': makeReadinessReport,
  'release-config': makeReleaseConfig,
  'telemetry-event': makeTelemetryEvent,
  'rollback-requested': makeRollbackRequested,
  'health-report': makeHealthReport,
  'gate-policy': makeGatePolicy,
  'gate-decision': makeGateDecision,
  'rollback-rules': makeRollbackRules,
  'canary-plan': makeCanaryPlan,
  'metric-queries': makeMetricQueries,
};

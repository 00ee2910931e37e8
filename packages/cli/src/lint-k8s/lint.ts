// The lint itself: read every file's documents, collect pod templates across files, run every rule on each.
// Pure: the caller reads the files (see `rollgate lint-k8s`), so tests and other tools pass text directly.
import { collectPods, type SkippedReference } from './collect.js';
import { type ManifestDocument, type ReadManifests, readManifests } from './read.js';
import { heartbeatThresholdsRule } from './rules/heartbeat-thresholds.js';
import { livenessDelayRule } from './rules/liveness-delay.js';
import { livenessPathRule } from './rules/liveness-path.js';
import { probePortRule } from './rules/probe-port.js';
import { probeTimeoutRule } from './rules/probe-timeout.js';
import { readinessProbeRule } from './rules/readiness-probe.js';
import { terminationGraceRule } from './rules/termination-grace.js';
import { type LintK8sOptions, lintSettings } from './settings.js';
import type { LintFinding, LintRule } from './types.js';

/** Every rule, in the order findings are reported within a pod. */
export const LINT_RULES: readonly LintRule[] = [
  readinessProbeRule,
  livenessPathRule,
  probeTimeoutRule,
  livenessDelayRule,
  heartbeatThresholdsRule,
  terminationGraceRule,
  probePortRule,
];

/** One manifest file's text and name. */
export interface ManifestSource {
  /** The file name findings carry. */
  file: string;
  /** Its YAML text. */
  text: string;
}

/** What one lint run found. */
export interface LintK8sResult {
  /** Every finding, by file, document and rule order. */
  findings: LintFinding[];
  /** Documents that could not be read. */
  issues: ReadManifests['issues'];
  /** Rollouts and Canaries whose Deployment was not given. */
  skipped: SkippedReference[];
  /** How many pod templates were linted. */
  workloads: number;
}

/** Lints Kubernetes manifests: Deployments, StatefulSets, Argo Rollouts and Flagger Canaries. Never throws. */
export function lintManifests(
  sources: readonly ManifestSource[],
  options: LintK8sOptions = {},
): LintK8sResult {
  const settings = lintSettings(options);
  const documents: ManifestDocument[] = [];
  const issues: LintK8sResult['issues'] = [];
  for (const source of sources) {
    const read = readManifests(source.text, source.file);
    documents.push(...read.documents);
    issues.push(...read.issues);
  }
  const { pods, skipped } = collectPods(documents);
  const findings = pods.flatMap((pod) => LINT_RULES.flatMap((rule) => rule(pod, settings)));
  return { findings, issues, skipped, workloads: pods.length };
}

// Kubernetes manifest lint behind `rollgate lint-k8s`: pure functions over YAML text.
export { LINT_K8S_CODES, LINT_K8S_FINDINGS, LINT_K8S_READ_CODES, type LintK8sCode } from './codes.js';
export { type CollectedPods, type SkippedReference, WORKLOAD_KINDS } from './collect.js';
export { LINT_RULES, type LintK8sResult, lintManifests, type ManifestSource } from './lint.js';
export { type ManifestDocument, type ReadManifests, readManifests } from './read.js';
export { type LintK8sOptions, lintSettings } from './settings.js';
export type { LintFinding, LintRule, LintSettings, PodTemplate } from './types.js';

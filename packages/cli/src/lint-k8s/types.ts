// The shapes the lint rules share: a pod template found in a manifest, and one finding about it.
import type { LintK8sCode } from './codes.js';

/** Where a document came from: the file and the document's index in it (0-based, `---` separated). */
export interface DocumentLocation {
  /** The file as given or found. */
  file: string;
  /** Index of the YAML document in the file. */
  document: number;
}

/** A container of a pod template, as written (fields read defensively: the YAML is anyone's). */
export type Container = Record<string, unknown>;

/** A pod template to lint, with the workload that owns it. */
export interface PodTemplate extends DocumentLocation {
  /** `Deployment`, `StatefulSet` or `Rollout`. */
  kind: string;
  /** `metadata.name` (empty when missing). */
  name: string;
  /** Path of the pod spec in the document, e.g. `spec.template.spec`. */
  specPath: string;
  /** The pod spec. */
  spec: Record<string, unknown>;
  /** The Argo Rollout or Flagger Canary that runs this Deployment (`Rollout/orders-api`), when one was given. */
  runBy?: string;
}

/** One finding: where it is, what it is, and what to do. */
export interface LintFinding extends DocumentLocation {
  /** Stable code from `LINT_K8S_FINDINGS`. */
  code: LintK8sCode;
  /** Workload kind. */
  kind: string;
  /** Workload name. */
  name: string;
  /** The Rollout or Canary running the workload, when known. */
  runBy?: string;
  /** Container name, when the finding is about one container. */
  container?: string;
  /** Path of the offending field in the document. */
  path: string;
  /** What is wrong, with the numbers, and what is expected. */
  message: string;
}

/** Settings the rules judge against; `lintPodTemplate` fills the defaults from rollgate's own constants. */
export interface LintSettings {
  /** The path readiness probes must GET. */
  readinessPath: string;
  /** The heartbeat thresholds of the contract. */
  heartbeat: { failureThreshold: number; successThreshold: number };
  /** Longest probe timeout, in seconds. */
  probeTimeoutCapSeconds: number;
  /** Longest liveness initialDelaySeconds without a startupProbe. */
  livenessDelayLimitSeconds: number;
  /** `installShutdown`'s drain delay, in ms. */
  drainDelayMs: number;
  /** `installShutdown`'s shutdown timeout, in ms. */
  shutdownTimeoutMs: number;
}

/** A rule: a pure function from one pod template to its findings. */
export type LintRule = (pod: PodTemplate, settings: LintSettings) => LintFinding[];

// Every finding `rollgate lint-k8s` can report, defined once: a stable code (what a CI rule or a suppression
// matches on) and the one-line summary the README table prints. Messages carry the numbers of each case.

/** The findings catalogue: code → what it means. */
export const LINT_K8S_FINDINGS = {
  readiness_probe_missing:
    'a container has no readinessProbe, so Kubernetes sends traffic before it is ready',
  readiness_probe_path: 'the readinessProbe does not GET the readiness path',
  liveness_on_readiness_path:
    'the livenessProbe GETs a readiness path: one failing dependency would restart every pod',
  probe_timeout_too_long: "a probe's timeoutSeconds is above rollgate's 5 s probe cap",
  liveness_delay_without_startup:
    'a livenessProbe waits a long initialDelaySeconds instead of a startupProbe guarding the start',
  thresholds_contradict_heartbeat:
    "a probe's failure or success threshold is not the contract's heartbeat threshold",
  termination_grace_too_short:
    'terminationGracePeriodSeconds is shorter than the drain delay plus the shutdown timeout',
  probe_port_undeclared: "a probe's port is not a port the container declares",
} as const;

/** Code of one lint finding. */
export type LintK8sCode = keyof typeof LINT_K8S_FINDINGS;

/** Every finding code, in catalogue order. */
export const LINT_K8S_CODES = Object.keys(LINT_K8S_FINDINGS) as LintK8sCode[];

/** Codes of the issues of reading a manifest file (YAML syntax, a document that is not an object). */
export const LINT_K8S_READ_CODES = {
  syntax: 'syntax',
  unreadable: 'unreadable',
} as const;

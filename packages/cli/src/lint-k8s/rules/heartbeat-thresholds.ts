// thresholds_contradict_heartbeat: the contract's heartbeat flips a service to failing after `failureThreshold`
// consecutive failures and back after `successThreshold` successes (3 and 3). A kubelet probe counting
// differently takes a pod out on one blip, or keeps a failing pod in rotation, against what the contract promised.
// Kubernetes' own defaults apply when a field is absent (failure 3, success 1), and liveness' success must be 1.
import { containerPath, containersOf, finding, intAt, recordAt } from '../pod.js';
import type { LintFinding, LintRule } from '../types.js';

const KUBERNETES_DEFAULT = { failureThreshold: 3, successThreshold: 1 } as const;

/** Readiness failure and success thresholds, and the liveness failure threshold, equal the heartbeat's. */
export const heartbeatThresholdsRule: LintRule = (pod, settings) => {
  const out: LintFinding[] = [];
  const checks = [
    { field: 'readinessProbe', key: 'failureThreshold' },
    { field: 'readinessProbe', key: 'successThreshold' },
    { field: 'livenessProbe', key: 'failureThreshold' },
  ] as const;
  for (const { container, index, name } of containersOf(pod)) {
    for (const { field, key } of checks) {
      const probe = recordAt(container, field);
      if (probe === undefined) continue;
      const written = intAt(probe, key);
      const value = written ?? KUBERNETES_DEFAULT[key];
      const expected = settings.heartbeat[key];
      if (value === expected) continue;
      const seen = written === undefined ? `is absent (Kubernetes defaults it to ${value})` : `is ${value}`;
      out.push(
        finding(
          pod,
          'thresholds_contradict_heartbeat',
          `${containerPath(pod, index)}.${field}.${key}`,
          `${field} ${key} ${seen}; the contract's heartbeat uses ${expected}`,
          name,
        ),
      );
    }
  }
  return out;
};

// termination_grace_too_short: on SIGTERM installShutdown answers 503 on readiness for the drain delay, then
// lets in-flight requests finish until its shutdown timeout. Kubernetes sends SIGKILL after
// terminationGracePeriodSeconds (30 when absent); a shorter grace cuts the drain and drops requests.
import { finding, intAt } from '../pod.js';
import type { LintRule } from '../types.js';

/** Kubernetes' terminationGracePeriodSeconds when the pod spec leaves it out. */
const KUBERNETES_DEFAULT_GRACE_SECONDS = 30;

/** The pod's grace period covers the drain delay plus the shutdown timeout. */
export const terminationGraceRule: LintRule = (pod, settings) => {
  const written = intAt(pod.spec, 'terminationGracePeriodSeconds');
  const grace = written ?? KUBERNETES_DEFAULT_GRACE_SECONDS;
  const needed = (settings.drainDelayMs + settings.shutdownTimeoutMs) / 1000;
  if (grace >= needed) return [];
  const seen = written === undefined ? `is absent (Kubernetes uses ${grace})` : `is ${grace}`;
  return [
    finding(
      pod,
      'termination_grace_too_short',
      `${pod.specPath}.terminationGracePeriodSeconds`,
      `terminationGracePeriodSeconds ${seen}; the drain delay (${settings.drainDelayMs / 1000} s) plus the shutdown timeout (${settings.shutdownTimeoutMs / 1000} s) need ${needed}`,
    ),
  ];
};

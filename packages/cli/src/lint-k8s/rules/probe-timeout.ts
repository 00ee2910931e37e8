// probe_timeout_too_long: rollgate refuses probe timeouts above its cap (a stuck dependency must not keep
// Kubernetes from evicting the pod); a kubelet timeout above the cap waits for an answer that comes sooner.
import { containerPath, containersOf, finding, intAt, PROBE_FIELDS, recordAt } from '../pod.js';
import type { LintFinding, LintRule } from '../types.js';

/** No probe's timeoutSeconds exceeds the cap. */
export const probeTimeoutRule: LintRule = (pod, settings) => {
  const out: LintFinding[] = [];
  for (const { container, index, name } of containersOf(pod)) {
    for (const field of PROBE_FIELDS) {
      const timeout = intAt(recordAt(container, field), 'timeoutSeconds');
      if (timeout !== undefined && timeout > settings.probeTimeoutCapSeconds) {
        out.push(
          finding(
            pod,
            'probe_timeout_too_long',
            `${containerPath(pod, index)}.${field}.timeoutSeconds`,
            `${field} timeoutSeconds is ${timeout}; at most ${settings.probeTimeoutCapSeconds} (rollgate's probe timeout cap)`,
            name,
          ),
        );
      }
    }
  }
  return out;
};

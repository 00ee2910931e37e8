// readiness_probe_missing, readiness_probe_path: every container is taken into rotation by its readinessProbe,
// and that probe must ask rollgate's readiness endpoint, the one that checks the dependencies.
import { containerPath, containersOf, finding, probePath, recordAt } from '../pod.js';
import type { LintFinding, LintRule } from '../types.js';

/** Each container has a readinessProbe that GETs the readiness path. */
export const readinessProbeRule: LintRule = (pod, settings) => {
  const out: LintFinding[] = [];
  for (const { container, index, name } of containersOf(pod)) {
    const at = containerPath(pod, index);
    const probe = recordAt(container, 'readinessProbe');
    if (probe === undefined) {
      out.push(
        finding(
          pod,
          'readiness_probe_missing',
          `${at}.readinessProbe`,
          `no readinessProbe; add httpGet ${settings.readinessPath} so a pod whose dependencies fail leaves the Service`,
          name,
        ),
      );
      continue;
    }
    const path = probePath(probe);
    if (path !== settings.readinessPath) {
      const seen = path === undefined ? 'is not an httpGet probe' : `GETs ${path}`;
      out.push(
        finding(
          pod,
          'readiness_probe_path',
          path === undefined ? `${at}.readinessProbe` : `${at}.readinessProbe.httpGet.path`,
          `readinessProbe ${seen}; expected httpGet ${settings.readinessPath}`,
          name,
        ),
      );
    }
  }
  return out;
};

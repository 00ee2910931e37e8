// liveness_on_readiness_path: readiness fails when a dependency fails; a livenessProbe on that path turns one
// Redis outage into every pod restarting at once, which cures nothing and drops the traffic that still worked.
import { containerPath, containersOf, finding, probePath, recordAt } from '../pod.js';
import type { LintFinding, LintRule } from '../types.js';

/** True when `path` is the readiness path or one of its per-probe routes (`/readyz/redis`). */
export function isReadinessPath(path: string, readinessPath: string): boolean {
  const base = readinessPath.replace(/\/+$/, '');
  return path === readinessPath || path === base || path.startsWith(`${base}/`);
}

/** No livenessProbe GETs the readiness path. */
export const livenessPathRule: LintRule = (pod, settings) => {
  const out: LintFinding[] = [];
  for (const { container, index, name } of containersOf(pod)) {
    const probe = recordAt(container, 'livenessProbe');
    const path = probe === undefined ? undefined : probePath(probe);
    if (path !== undefined && isReadinessPath(path, settings.readinessPath)) {
      out.push(
        finding(
          pod,
          'liveness_on_readiness_path',
          `${containerPath(pod, index)}.livenessProbe.httpGet.path`,
          `livenessProbe GETs ${path}, a readiness path: a failing dependency would restart every pod; use /livez`,
          name,
        ),
      );
    }
  }
  return out;
};

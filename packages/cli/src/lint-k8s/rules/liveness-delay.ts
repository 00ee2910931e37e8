// liveness_delay_without_startup: a long initialDelaySeconds is a guess at the start time: too short and a slow
// start (migrations, cache warming) is killed in a loop, too long and a hung pod lives on. A startupProbe on
// /health/startup waits exactly as long as the start takes.
import { containerPath, containersOf, finding, intAt, recordAt } from '../pod.js';
import type { LintFinding, LintRule } from '../types.js';

/** A livenessProbe with a large initialDelaySeconds comes with a startupProbe. */
export const livenessDelayRule: LintRule = (pod, settings) => {
  const out: LintFinding[] = [];
  for (const { container, index, name } of containersOf(pod)) {
    const delay = intAt(recordAt(container, 'livenessProbe'), 'initialDelaySeconds');
    if (delay === undefined || delay <= settings.livenessDelayLimitSeconds) continue;
    if (recordAt(container, 'startupProbe') !== undefined) continue;
    out.push(
      finding(
        pod,
        'liveness_delay_without_startup',
        `${containerPath(pod, index)}.livenessProbe.initialDelaySeconds`,
        `livenessProbe initialDelaySeconds is ${delay} (above ${settings.livenessDelayLimitSeconds}) and there is no startupProbe; add a startupProbe on /health/startup instead`,
        name,
      ),
    );
  }
  return out;
};

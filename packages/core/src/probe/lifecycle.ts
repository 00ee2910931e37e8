// Lifecycle: starting → started → draining → closed, only ever forward; and the answers it (or the maintenance
// toggle, which is not a lifecycle state: it can be undone) gives instead of running probes.
import type { HealthReport } from '@rollgate/contract';
import { type Engine, reportContext } from './engine.js';
import { lifecycleReport } from './report.js';
import type { LifecycleState, ProbeGroupName } from './types.js';

const ORDER: Record<LifecycleState, number> = { starting: 0, started: 1, draining: 2, closed: 3 };

/** The state after moving to `target`; a move backwards (or to the same state) changes nothing. */
export function advance(current: LifecycleState, target: LifecycleState): LifecycleState {
  return ORDER[target] > ORDER[current] ? target : current;
}

/** Lifecycle answers that override probes; asked again after waiting, since the state may move meanwhile. */
export function lifecycleOverride(
  engine: Engine,
  group: ProbeGroupName | 'probe',
  startedAt: number,
): HealthReport | undefined {
  const { state } = engine;
  if (state === 'closed') return lifecycleReport(reportContext(engine, startedAt), group, 'fail', 'closed');
  if (group === 'readiness') {
    // Draining is one-way and wins; the maintenance toggle holds readiness down until setReady(true).
    if (state === 'draining')
      return lifecycleReport(reportContext(engine, startedAt), group, 'fail', 'draining');
    if (engine.maintenance !== undefined) {
      return lifecycleReport(
        reportContext(engine, startedAt),
        group,
        'fail',
        'maintenance',
        engine.maintenance,
      );
    }
  }
  if (group === 'startup' && state !== 'starting')
    return lifecycleReport(reportContext(engine, startedAt), group, 'ok');
  return undefined;
}

// Entries of a startup check: probes with retries answer from their sequence of attempts, the others from live
// runs, in registration order. Only the startup group comes here, so readiness and liveness checks never pay for it.
import type { ParentSpan } from '../tracing/spans.js';
import type { Engine } from './engine.js';
import { liveEntries } from './live-entries.js';
import type { RegisteredProbe } from './registry.js';
import type { ReportEntry } from './report.js';
import type { ResolvedRetries } from './retry-schedule.js';
import { sequenceEntry } from './startup-sequence.js';

type Retrying = RegisteredProbe & { readonly retries: ResolvedRetries };

/** Entries of `selected`: live runs, or the startup sequence of each probe with retries. */
export function startupEntries(
  engine: Engine,
  selected: readonly RegisteredProbe[],
  parent: ParentSpan,
  now: number,
): ReportEntry[] | Promise<ReportEntry[]> {
  if (!selected.some((probe) => probe.retries !== undefined))
    return liveEntries(engine, selected, parent, now);
  const plain = selected.filter((probe) => probe.retries === undefined);
  const live = liveEntries(engine, plain, parent, now);
  const sequenced = selected
    .filter((probe): probe is Retrying => probe.retries !== undefined)
    .map((probe) => sequenceEntry(engine, probe, parent));
  return Promise.all([live, Promise.all(sequenced)]).then(([liveList, sequenceList]) => {
    const byName = new Map<string, ReportEntry>();
    for (const entry of [...liveList, ...sequenceList]) byName.set(entry.name, entry);
    return selected.map((probe) => byName.get(probe.name) as ReportEntry);
  });
}

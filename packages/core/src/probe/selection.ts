// Which probes a check runs: the members of a group, less those `?exclude=` names. Unknown names are reported
// (bounded, so a hostile query cannot grow the body) and a check that skipped a probe is not "full": it does
// not speak for the group in change events or readiness metrics.
import { MAX_NAME_LENGTH } from './limits.js';
import type { RegisteredProbe } from './registry.js';
import type { ProbeGroupName } from './types.js';

/** Most unknown `exclude` names a report lists (the rest are dropped to bound the body). */
export const MAX_UNKNOWN_EXCLUDED = 100;

const NO_NAMES: readonly string[] = [];

/** The probes a check runs. */
export interface Selection {
  /** Probes to run, in registration order. */
  readonly selected: readonly RegisteredProbe[];
  /** Excluded names that match no member, truncated. */
  readonly unknown: readonly string[];
  /** True when nothing was skipped. */
  readonly full: boolean;
}

/** Members of `group`, in registration order, computed once per registration and kept in `cache`. */
export function membersOf(
  probes: readonly RegisteredProbe[],
  cache: Map<ProbeGroupName, readonly RegisteredProbe[]>,
  group: ProbeGroupName,
): readonly RegisteredProbe[] {
  let members = cache.get(group);
  if (members === undefined) {
    members = probes.filter((probe) => probe.groups.includes(group));
    cache.set(group, members);
  }
  return members;
}

/** Applies `exclude` (anything but an array of names excludes nothing) to a group's members. */
export function selectProbes(members: readonly RegisteredProbe[], exclude: unknown): Selection {
  if (!Array.isArray(exclude) || exclude.length === 0) {
    return { selected: members, unknown: NO_NAMES, full: true };
  }
  const names = new Set(exclude.filter((name): name is string => typeof name === 'string'));
  const selected = members.filter((probe) => !names.has(probe.name));
  const known = new Set(members.map((probe) => probe.name));
  const unknown = [...names]
    .filter((name) => !known.has(name))
    .slice(0, MAX_UNKNOWN_EXCLUDED)
    .map((name) => name.slice(0, MAX_NAME_LENGTH));
  return { selected, unknown, full: selected.length === members.length };
}

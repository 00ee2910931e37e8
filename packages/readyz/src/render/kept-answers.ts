// Rendered answers of the engine's kept reports. While a group's cached answer holds, the engine's reports share
// one frozen `checks` array (core's group-answer.ts: `cachedReport()` is the kept report itself, `check()` copies
// its head), so what was rendered for the first of them serves every later one: a cached /readyz is written, not rendered, whatever the number of probes. Only the plain JSON
// answer of a group route is kept (no `?verbose`, no `exclude`, no health+json, whose bodies carry per-request
// fields), once for each combination of HEAD and details; a new report replaces them all.
import type { HealthReport } from '@rollgate/contract';
import type { ProbeGroupName } from '@rollgate/core';
import type { ReadyzResponse } from '../types.js';

interface Kept {
  /** The kept report's shared array: the same array, the same answer. */
  readonly checks: HealthReport['checks'];
  /** By `(details ? 2 : 0) + (head ? 1 : 0)`. */
  readonly responses: (ReadyzResponse | undefined)[];
}

/** The rendered plain answers of each group's kept report. */
export interface KeptAnswers {
  /** The answer rendered for this report's kept result, as a response of its own; undefined when there is none. */
  get(
    group: ProbeGroupName,
    report: HealthReport,
    head: boolean,
    details: boolean,
  ): ReadyzResponse | undefined;
  /** Keeps `response` (its headers frozen, as later answers share them) for this report. */
  set(
    group: ProbeGroupName,
    report: HealthReport,
    head: boolean,
    details: boolean,
    response: ReadyzResponse,
  ): void;
}

/** Creates an empty store of rendered answers. */
export function createKeptAnswers(): KeptAnswers {
  const byGroup = new Map<ProbeGroupName, Kept>();
  return {
    get(group, report, head, details) {
      const kept = byGroup.get(group);
      if (kept === undefined || report.checks === undefined || kept.checks !== report.checks)
        return undefined;
      const response = kept.responses[(details ? 2 : 0) + (head ? 1 : 0)];
      // A response of its own: a caller may change its status or body; the headers are shared and frozen.
      return response && { status: response.status, headers: response.headers, body: response.body };
    },
    set(group, report, head, details, response) {
      if (report.checks === undefined || !Object.isFrozen(report.checks)) return; // not a kept result
      let kept = byGroup.get(group);
      if (kept === undefined || kept.checks !== report.checks) {
        kept = { checks: report.checks, responses: [] };
        byGroup.set(group, kept);
      }
      kept.responses[(details ? 2 : 0) + (head ? 1 : 0)] = {
        status: response.status,
        headers: Object.freeze({ ...response.headers }),
        body: response.body,
      };
    },
  };
}

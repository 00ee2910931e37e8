import type { TelemetryEvent } from '@rollgate/contract';
import { advanceCanary } from './advance.js';
import { healthGate } from './health-gate.js';
import { startCanary } from './start.js';
import type {
  CanaryContext,
  CanaryDecisionInput,
  CanaryInstant,
  CanaryLogEntry,
  CanaryPlanLike,
  CanaryProblem,
  CanaryResult,
  HealthGateInput,
} from './types.js';
import { describe, isRecord, underPath } from './validate.js';

/** Options of `replayCanary`. */
export interface ReplayOptions {
  /** When the canary started (default: the first log entry's `now`). */
  readonly startedAt?: CanaryInstant;
  /** Context of the events; without it the replay computes states only. */
  readonly context?: CanaryContext;
}

/** Result of a replay: the final state, every event in order, and problems found on the way. */
export interface ReplayResult extends CanaryResult {
  /** How many log entries were applied. */
  readonly applied: number;
}

/**
 * Replays a recorded run (pure): starts the canary, then folds each `{ now, decision }` through
 * `advanceCanary` and each `{ now, health }` through `healthGate`, in log order. The same plan, log
 * and options always give the same final state and events, so a recorded incident is a test.
 */
export function replayCanary(
  plan: CanaryPlanLike,
  log: readonly CanaryLogEntry[],
  options: ReplayOptions = {},
): ReplayResult {
  const entries: readonly unknown[] = Array.isArray(log) ? log : [];
  const problems: CanaryProblem[] = [];
  if (!Array.isArray(log)) {
    problems.push({
      code: 'CANARY_INVALID_DECISION',
      path: 'log',
      message: `the log must be an array of entries; got ${describe(log)}`,
    });
  }
  const first = entries[0];
  const startedAt = options.startedAt ?? (isRecord(first) ? (first.now as CanaryInstant) : undefined);
  if (startedAt === undefined) {
    problems.push({
      code: 'CANARY_INVALID_TIME',
      path: 'options.startedAt',
      message: 'an empty log needs options.startedAt to know when the canary started',
    });
  }
  const start = startCanary(plan, startedAt ?? Number.NaN, options.context);
  let state = start.state;
  const events: TelemetryEvent[] = [...start.events];
  problems.push(...start.problems);
  let applied = 0;
  // Without a sound plan and start the run never began: return the fail-safe state once.
  if (start.problems.some((p) => p.code !== 'CANARY_INVALID_CONTEXT')) return { ...start, problems, applied };
  entries.forEach((entry, i) => {
    let step: CanaryResult;
    if (isRecord(entry) && 'decision' in entry) {
      step = advanceCanary(
        plan,
        state,
        entry.decision as CanaryDecisionInput,
        entry.now as CanaryInstant,
        options.context,
      );
    } else if (isRecord(entry) && 'health' in entry) {
      step = healthGate(
        plan,
        state,
        entry.health as HealthGateInput,
        entry.now as CanaryInstant,
        options.context,
      );
    } else {
      problems.push({
        code: 'CANARY_INVALID_DECISION',
        path: `log[${i}]`,
        message: `a log entry is { now, decision } or { now, health }; got ${describe(entry)}, skipped`,
      });
      return;
    }
    state = step.state;
    events.push(...step.events);
    // The context's problems repeat on every entry; report them once, from the start.
    problems.push(
      ...underPath(
        `log[${i}]`,
        step.problems.filter((p) => p.code !== 'CANARY_INVALID_CONTEXT'),
      ),
    );
    applied += 1;
  });
  return { state, events, problems, applied };
}

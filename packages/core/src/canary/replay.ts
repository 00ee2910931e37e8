import type { ContractIssue, TelemetryEvent } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { unknownKeyIssues } from '../evaluator-kit/unknown-keys.js';
import { advanceOnPlan } from './advance.js';
import { CANARY_ISSUE_CODES } from './codes.js';
import { confirmOnPlan } from './confirm-deployment.js';
import { readPlan } from './plan.js';
import { startOnPlan } from './start.js';
import type { CanaryContext, CanaryInstant, CanaryLogEntry, CanaryResult } from './types.js';

/** Options of `replayCanary`. */
export interface ReplayOptions {
  /** When the canary started (default: the first log entry's `now`). */
  readonly startedAt?: CanaryInstant;
  /** Context of the events; without it the replay computes states only. */
  readonly context?: CanaryContext;
}

// `satisfies` makes the compiler list every key of ReplayOptions here, so a new one cannot be forgotten.
const REPLAY_OPTION_KEYS = Object.keys({ startedAt: true, context: true } satisfies Record<
  keyof ReplayOptions,
  true
>);

/** Result of a replay: the final state, every event in order, and the issues found on the way. */
export interface ReplayResult extends CanaryResult {
  /** How many log entries were applied. */
  readonly applied: number;
}

const underEntry = (index: number, issues: readonly ContractIssue[]): ContractIssue[] =>
  issues.map((issue) => ({ code: issue.code, path: `log[${index}].${issue.path}`, message: issue.message }));

/**
 * Replays a recorded run (pure): starts the canary, then folds each `{ now, decision }` through
 * `advanceCanary` and each `{ now, health }` through `confirmDeployment`, in log order. `plan` is a
 * `CanaryPlan` document, raw or parsed, read once. The same plan, log and options always give the
 * same final state and events, so a recorded incident is a test.
 */
export function replayCanary(
  plan: unknown,
  log: readonly CanaryLogEntry[],
  options: ReplayOptions = {},
): ReplayResult {
  const entries: readonly unknown[] = Array.isArray(log) ? log : [];
  const issues: ContractIssue[] = [];
  if (!Array.isArray(log)) {
    issues.push({
      code: CANARY_ISSUE_CODES.invalidLog,
      path: 'log',
      message: `the log must be an array of entries; got ${describeValue(log)}`,
    });
  }
  issues.push(...unknownKeyIssues(options, REPLAY_OPTION_KEYS, 'replayCanary options', 'options'));
  const given = isRecord(options) ? options.startedAt : undefined;
  if (
    given !== undefined &&
    !(given instanceof Date) &&
    typeof given !== 'number' &&
    typeof given !== 'string'
  ) {
    issues.push({
      code: CANARY_ISSUE_CODES.invalidTime,
      path: 'options.startedAt',
      message: `options.startedAt must be epoch ms, a Date or an RFC 3339 timestamp; got ${describeValue(given)}`,
    });
  }
  const first = entries[0];
  const startedAt = options.startedAt ?? (isRecord(first) ? first.now : undefined);
  if (startedAt === undefined) {
    issues.push({
      code: CANARY_ISSUE_CODES.invalidTime,
      path: 'options.startedAt',
      message: 'an empty log needs options.startedAt to know when the canary started',
    });
  }
  const read = readPlan(plan);
  const start = startOnPlan(read, startedAt ?? Number.NaN, options.context);
  let state = start.state;
  const events: TelemetryEvent[] = [...start.events];
  issues.push(...start.issues);
  let applied = 0;
  // Without a sound plan and start the run never began: return the fail-safe state once.
  if (start.issues.some((issue) => issue.code !== CANARY_ISSUE_CODES.invalidContext))
    return { ...start, issues, applied };
  entries.forEach((entry, i) => {
    let step: CanaryResult;
    if (isRecord(entry) && 'decision' in entry) {
      step = advanceOnPlan(read, state, entry.decision, entry.now, options.context);
    } else if (isRecord(entry) && 'health' in entry) {
      step = confirmOnPlan(read, state, entry.health, entry.now, options.context);
    } else {
      issues.push({
        code: CANARY_ISSUE_CODES.invalidLog,
        path: `log[${i}]`,
        message: `a log entry is { now, decision } or { now, health }; got ${describeValue(entry)}, skipped`,
      });
      return;
    }
    state = step.state;
    events.push(...step.events);
    // The context's issues repeat on every entry; report them once, from the start.
    issues.push(
      ...underEntry(
        i,
        step.issues.filter((issue) => issue.code !== CANARY_ISSUE_CODES.invalidContext),
      ),
    );
    applied += 1;
  });
  return { state, events, issues, applied };
}

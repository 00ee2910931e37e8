import { toEvents } from './events.js';
import { applyHealth } from './machine.js';
import { prepare } from './prepare.js';
import type {
  CanaryContext,
  CanaryInstant,
  CanaryPlanLike,
  CanaryProblem,
  CanaryResult,
  CanaryRollbackSignal,
  CanaryState,
  HealthGateInput,
} from './types.js';
import { describe, isRecord } from './validate.js';

interface ReadHealth {
  healthOk: boolean;
  signal: CanaryRollbackSignal | true | undefined;
  problems: CanaryProblem[];
}

// Damaged health input never opens the gate and never invents a rollback: it is reported, and the
// canary waits for a sound observation.
function readHealth(input: unknown): ReadHealth {
  const problems: CanaryProblem[] = [];
  const bad = (path: string, message: string) =>
    problems.push({ code: 'CANARY_INVALID_DECISION', path, message });
  if (!isRecord(input)) {
    bad('health', `health must be { healthOk, rollbackSignal? }; got ${describe(input)}`);
    return { healthOk: false, signal: undefined, problems };
  }
  let healthOk = false;
  if (typeof input.healthOk === 'boolean') healthOk = input.healthOk;
  else bad('health.healthOk', `healthOk must be a boolean; got ${describe(input.healthOk)}, read as false`);

  const raw = input.rollbackSignal;
  let signal: CanaryRollbackSignal | true | undefined;
  if (raw === true) signal = true;
  else if (isRecord(raw) && typeof raw.name === 'string' && raw.name.trim() !== '')
    signal = raw as unknown as CanaryRollbackSignal;
  else if (raw !== undefined && raw !== null && raw !== false) {
    bad(
      'health.rollbackSignal',
      `rollbackSignal must be a boolean or { name, metric?, observed?, window? }; got ${describe(raw)}`,
    );
    // An unreadable signal may still be a real one: never let it open the gate.
    healthOk = false;
  }
  return { healthOk, signal, problems };
}

/**
 * The orchestrator's health gate (pure). DEPLOYMENT→MONITORING when every health check passes and
 * no rollback signal is active (the hold clock of step 0 starts then); DEPLOYMENT→ROLLBACK on any
 * rollback signal. A rollback signal also rolls back a MONITORING or PAUSED canary (a health
 * breach during the canary); otherwise health does not move a canary past DEPLOYMENT. ROLLBACK and
 * PROMOTED never change.
 */
export function healthGate(
  plan: CanaryPlanLike,
  state: CanaryState,
  health: HealthGateInput,
  now: CanaryInstant,
  context?: CanaryContext,
): CanaryResult {
  const input = prepare(plan, state, now, context);
  if (!input.ok) return input.result;
  const read = readHealth(health);
  const step = applyHealth(input.state, read.healthOk, read.signal, input.now);
  return {
    state: step.state,
    events: toEvents(step.emissions, input.context, input.now),
    problems: [...input.problems, ...read.problems],
  };
}

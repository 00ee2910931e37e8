import type { ContractIssue } from '@rollgate/contract';
import { describeValue, isRecord } from '@rollgate/contract/errors';
import { CANARY_ISSUE_CODES } from './codes.js';
import type { CanaryRollbackSignal } from './types.js';

/** A health observation as the state machine uses it. */
export interface ReadHealth {
  /** `unknown` when the observation could not be read: it neither opens the gate nor counts as a failure. */
  readonly observation: 'pass' | 'fail' | 'unknown';
  /** An active rollback signal, or undefined. */
  readonly signal: CanaryRollbackSignal | true | undefined;
  readonly issues: ContractIssue[];
}

/**
 * Reads one health observation. Damaged input never opens the gate and never invents a rollback:
 * it is reported, and the canary waits for a sound observation (its deadline still runs).
 */
export function readHealth(input: unknown): ReadHealth {
  const issues: ContractIssue[] = [];
  const bad = (path: string, message: string) =>
    issues.push({ code: CANARY_ISSUE_CODES.invalidHealth, path, message });
  if (!isRecord(input)) {
    bad('health', `health must be { healthOk, rollbackSignal? }; got ${describeValue(input)}`);
    return { observation: 'unknown', signal: undefined, issues };
  }
  let observation: ReadHealth['observation'] = 'unknown';
  if (typeof input.healthOk === 'boolean') observation = input.healthOk ? 'pass' : 'fail';
  else bad('health.healthOk', `healthOk must be a boolean; got ${describeValue(input.healthOk)}, ignored`);

  const raw = input.rollbackSignal;
  let signal: CanaryRollbackSignal | true | undefined;
  if (raw === true) signal = true;
  else if (isRecord(raw) && typeof raw.name === 'string' && raw.name.trim() !== '')
    signal = raw as unknown as CanaryRollbackSignal;
  else if (raw !== undefined && raw !== null && raw !== false) {
    bad(
      'health.rollbackSignal',
      `rollbackSignal must be a boolean or { name, metric?, observed?, window? }; got ${describeValue(raw)}`,
    );
    // An unreadable signal may still be a real one: never let it open the gate.
    if (observation === 'pass') observation = 'unknown';
  }
  return { observation, signal, issues };
}

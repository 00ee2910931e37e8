// Reading the state a caller passes back: it is plain JSON that may have been stored and edited, so it is
// checked and copied, never trusted or mutated.
import { type ContractIssue, formatPath } from '@rollgate/contract';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import type { RollbackState, RuleCounters } from './types.js';

/** A fresh state: nothing counted yet. */
export function emptyState(): RollbackState {
  return { evaluations: 0, lastEvaluatedAt: null, rules: {} };
}

/** Counters of a rule never evaluated. */
export function emptyCounters(): RuleCounters {
  return { failures: 0, inconclusives: 0, errors: 0, consecutiveErrors: 0, passes: 0, lastEvaluatedAt: null };
}

const COUNTER_FIELDS = ['failures', 'inconclusives', 'errors', 'consecutiveErrors', 'passes'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isInstant(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

function readCounters(raw: unknown): RuleCounters | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const out = emptyCounters();
  for (const f of COUNTER_FIELDS) {
    if (!isCount(r[f])) return null;
    out[f] = r[f];
  }
  const last = r.lastEvaluatedAt ?? null;
  if (!isInstant(last)) return null;
  out.lastEvaluatedAt = last;
  return out;
}

/** A checked copy of the state passed in; anything unreadable is reported and replaced by a fresh start. */
export function readState(raw: unknown, issues: ContractIssue[]): RollbackState {
  if (raw === undefined || raw === null) return emptyState();
  const fail = (path: string, message: string): RollbackState => {
    issues.push({ code: ROLLBACK_ISSUE_CODES.STATE_INVALID, path, message });
    return emptyState();
  };
  if (typeof raw !== 'object')
    return fail('state', 'state must be the object a previous evaluation returned; ignored');
  const r = raw as Record<string, unknown>;
  const last = r.lastEvaluatedAt ?? null;
  if (!isCount(r.evaluations) || !isInstant(last) || typeof r.rules !== 'object' || r.rules === null) {
    return fail(
      'state',
      'state is not one a previous evaluation returned (evaluations, lastEvaluatedAt, rules); ignored',
    );
  }
  const state: RollbackState = { evaluations: r.evaluations, lastEvaluatedAt: last, rules: {} };
  for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
    const counters = readCounters(value);
    if (counters) state.rules[id] = counters;
    else {
      issues.push({
        code: ROLLBACK_ISSUE_CODES.STATE_INVALID,
        path: formatPath(['state', 'rules', id]),
        message: `counters of rule "${id}" are not non-negative integers; they start again from 0`,
      });
    }
  }
  return state;
}

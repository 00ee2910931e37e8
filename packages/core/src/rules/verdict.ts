// Turns a rule's finding into its verdict: the noData policy for missing evidence, and Argo Rollouts'
// limits over successive evaluations — a rule fails when its failures exceed `failureLimit`, turns
// inconclusive when inconclusive measurements exceed `inconclusiveLimit`, and provider errors are tolerated
// until more than `consecutiveErrorLimit` (default 4) come in a row. A measurement is counted once per
// instant: evaluating the same `now` again with the returned state counts nothing (idempotent replays).
import type { NoDataPolicy } from '@rollgate/contract';
import type { CompiledRule } from './compile.js';
import type { Finding } from './finding.js';
import { emptyCounters } from './state.js';
import type { RollbackAction, RuleCounters } from './types.js';

/** A rule's verdict, its updated counters, and a sentence about the limits when they mattered. */
export interface Verdict {
  verdict: RollbackAction | null;
  counters: RuleCounters;
  note: string | null;
}

function policyAction(policy: NoDataPolicy): RollbackAction | null {
  return policy === 'ignore' ? null : policy;
}

/** Applies the policy and limits to a finding, counting this measurement when `now` is new for the rule. */
export function decideVerdict(
  rule: CompiledRule,
  finding: Finding,
  previous: RuleCounters | undefined,
  now: number,
): Verdict {
  const prev = previous ?? emptyCounters();
  const counting = prev.lastEvaluatedAt === null || now > prev.lastEvaluatedAt;
  const c: RuleCounters = {
    failures: prev.failures,
    inconclusives: prev.inconclusives,
    errors: prev.errors,
    consecutiveErrors: prev.consecutiveErrors,
    passes: prev.passes,
    lastEvaluatedAt: prev.lastEvaluatedAt,
  };
  if (counting) c.lastEvaluatedAt = now;
  const count = (field: 'failures' | 'inconclusives' | 'errors' | 'passes') => {
    if (counting) c[field]++;
  };
  if (counting && finding.status !== 'error') c.consecutiveErrors = 0;

  switch (finding.status) {
    case 'pass':
      count('passes');
      return { verdict: 'promote', counters: c, note: null };
    case 'pending':
      return { verdict: 'continue', counters: c, note: null };
    case 'invalid':
      return { verdict: 'inconclusive', counters: c, note: null };
    case 'breach': {
      // A burn-rate ticket asks for a hold, not the rule's action, and is not a failure against failureLimit.
      if (finding.breachAction)
        return { verdict: finding.breachAction, counters: c, note: 'ticket severity: ticketAction "hold"' };
      count('failures');
      if (finding.critical)
        return { verdict: rule.action, counters: c, note: 'critical effect size: applies at once' };
      if (c.failures > rule.failureLimit) {
        const note =
          rule.failureLimit > 0
            ? `${c.failures} failures, more than failureLimit ${rule.failureLimit}`
            : null;
        return { verdict: rule.action, counters: c, note };
      }
      return {
        verdict: 'continue',
        counters: c,
        note: `failure ${c.failures} of ${rule.failureLimit} tolerated (failureLimit ${rule.failureLimit})`,
      };
    }
    case 'no_data':
    case 'nan':
      return noEvidence(rule, c, count);
    case 'error': {
      count('errors');
      if (counting) c.consecutiveErrors++;
      if (c.consecutiveErrors > rule.consecutiveErrorLimit) {
        return {
          verdict: policyAction(rule.noData),
          counters: c,
          note: `${c.consecutiveErrors} provider errors in a row, more than consecutiveErrorLimit ${rule.consecutiveErrorLimit}: noData policy "${rule.noData}" applies`,
        };
      }
      return {
        verdict: 'continue',
        counters: c,
        note: `provider error ${c.consecutiveErrors} in a row of ${rule.consecutiveErrorLimit} tolerated (consecutiveErrorLimit)`,
      };
    }
  }
}

function noEvidence(
  rule: CompiledRule,
  c: RuleCounters,
  count: (field: 'failures' | 'inconclusives') => void,
): Verdict {
  switch (rule.noData) {
    case 'ignore':
      return { verdict: null, counters: c, note: 'noData policy "ignore": this rule does not vote' };
    case 'hold':
      return { verdict: 'hold', counters: c, note: 'noData policy "hold"' };
    case 'rollback':
      count('failures');
      if (c.failures > rule.failureLimit)
        return { verdict: 'rollback', counters: c, note: 'noData policy "rollback"' };
      return {
        verdict: 'continue',
        counters: c,
        note: `noData policy "rollback": failure ${c.failures} of ${rule.failureLimit} tolerated (failureLimit)`,
      };
    case 'inconclusive':
      count('inconclusives');
      if (c.inconclusives > rule.inconclusiveLimit) {
        const note =
          rule.inconclusiveLimit > 0
            ? `${c.inconclusives} inconclusive measurements, more than inconclusiveLimit ${rule.inconclusiveLimit}`
            : null;
        return { verdict: 'inconclusive', counters: c, note };
      }
      return {
        verdict: 'continue',
        counters: c,
        note: `inconclusive measurement ${c.inconclusives} of ${rule.inconclusiveLimit} tolerated (inconclusiveLimit)`,
      };
  }
}

import type { CountRule, RollbackRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../evaluate.js';
import { M, NOW, S, series } from '../test-series.js';
import type { Sample } from '../types.js';

const METRIC = 'contract_test.failures';

function judge(rule: Partial<CountRule>, samples: Sample[], now = NOW) {
  const full = {
    id: 'contract-tests',
    kind: 'count',
    metric: METRIC,
    op: '>',
    value: 0,
    action: 'block',
    ...rule,
  } as RollbackRule;
  const decision = evaluateRollback({ rules: [full], series: { [METRIC]: samples }, now });
  return { decision, reason: decision.reasons[0]! };
}

describe('count: the sum of sample values in the window (default 5m)', () => {
  it('any contract-test failure blocks, and reports when the sum crossed the bound', () => {
    const samples = series([0, 0, 0, 1, 0, 0], M);
    const { reason, decision } = judge({}, samples);
    expect(decision.action).toBe('block');
    expect(reason).toMatchObject({ status: 'breach', observed: 1, threshold: 0, window: '5m' });
    expect(reason.since).toBe(NOW - 2 * M);
  });

  it('zero failures over a covered window passes', () => {
    const { reason, decision } = judge({}, series([0, 0, 0, 0, 0, 0], M));
    expect(reason.status).toBe('pass');
    expect(decision.action).toBe('promote');
  });

  it.each([
    ['>', 3, 'pass'], // sum 3 is not above 3
    ['>=', 3, 'breach'],
    ['<', 3, 'pass'],
    ['<=', 3, 'breach'],
    ['==', 3, 'breach'],
    ['!=', 3, 'pass'],
  ] as const)('sum 3 %s %s → %s', (op, value, status) => {
    expect(judge({ op, value }, series([1, 0, 1, 0, 1, 0], M)).reason.status).toBe(status);
  });

  it('only samples inside the window count', () => {
    const samples = [...series([5, 5], M, NOW - 6 * M), ...series([0, 0, 0, 0, 0, 0], M)];
    const { reason } = judge({}, samples);
    expect(reason.observed).toBe(0);
    expect(reason.status).toBe('pass');
  });

  it('a custom window is honoured', () => {
    const { reason } = judge({ window: '1m' }, series([1, 0, 0, 0, 0, 0], 30 * S));
    expect(reason.observed).toBe(0);
    expect(reason.window).toBe('1m');
  });

  it('a `>` breach needs no full window (the sum can only grow), but a pass does', () => {
    expect(judge({}, series([2], M)).reason.status).toBe('breach');
    expect(judge({}, series([0], M)).reason.status).toBe('pending');
  });

  it('a `<` breach on a partly covered window is pending: more samples may still arrive', () => {
    const { reason } = judge({ op: '<', value: 10 }, series([1, 2], M));
    expect(reason.status).toBe('pending');
    expect(reason.margin.remainingMs).toBe(3 * M); // 2 of 5 minutes covered (a sample stands for its 1m interval)
  });

  it('NaN samples are not counted as zero', () => {
    const { reason } = judge({}, series([Number.NaN, Number.NaN], M));
    expect(reason.status).toBe('nan');
  });
});

import type { RollbackRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { actionRank, ROLLBACK_ACTIONS, worseAction } from './actions.js';
import { evaluateRollback } from './evaluate.js';
import { flat, M, NOW, S, series } from './test-series.js';
import type { EvaluateRollbackInput, RollbackDecision, RollbackState, SeriesInput } from './types.js';

const ERR = 'http.server.errors.rate';
const errorRate = (extra: Partial<RollbackRule> = {}): RollbackRule =>
  ({
    id: 'error-rate',
    kind: 'threshold',
    metric: ERR,
    op: '>',
    value: 0.02,
    for: '2m',
    ...extra,
  }) as RollbackRule;
const good = () => flat(0.01, 9, 15 * S);
const bad = () => flat(0.05, 9, 15 * S);

describe('decision ranking', () => {
  it('is block > rollback > inconclusive > hold > continue > promote', () => {
    expect(ROLLBACK_ACTIONS).toEqual(['promote', 'continue', 'hold', 'inconclusive', 'rollback', 'block']);
    expect(worseAction('rollback', 'block')).toBe('block');
    expect(worseAction('inconclusive', 'hold')).toBe('inconclusive');
    expect(worseAction('continue', 'promote')).toBe('continue');
    expect(actionRank('promote')).toBeLessThan(actionRank('continue'));
  });

  // One rule per verdict; the decision is the worst present.
  const rules: Record<string, RollbackRule> = {
    block: {
      id: 'tests',
      kind: 'count',
      metric: 'contract_test.failures',
      op: '>',
      value: 0,
      action: 'block',
      minCoverage: 0,
    },
    rollback: errorRate(),
    inconclusive: {
      id: 'success',
      kind: 'threshold',
      metric: 'http.server.success.rate',
      op: '<',
      value: 0.98,
    },
    hold: {
      id: 'hc',
      kind: 'threshold',
      metric: 'healthcheck.failures.rate',
      op: '>',
      value: 0.05,
      noData: 'hold',
    },
    continue: { id: 'young', kind: 'threshold', metric: 'young.metric', op: '>', value: 1, for: '2m' },
    promote: { id: 'ok', kind: 'threshold', metric: 'ok.metric', op: '>', value: 1, window: '1m' },
  };
  const data: SeriesInput = {
    'contract_test.failures': [{ t: NOW, value: 1 }],
    [ERR]: bad(),
    'young.metric': flat(0, 2, 15 * S),
    'ok.metric': flat(0, 5, 15 * S),
  };

  it.each(ROLLBACK_ACTIONS.map((a) => [a]))('with the worst rule asking %s, the decision is %s', (worst) => {
    const present = ROLLBACK_ACTIONS.slice(0, actionRank(worst) + 1).map((a) => rules[a]!);
    const d = evaluateRollback({ rules: present, series: data, now: NOW });
    expect(d.action).toBe(worst);
    expect(d.reasons.map((r) => r.verdict)).toEqual(ROLLBACK_ACTIONS.slice(0, actionRank(worst) + 1));
    expect(d.decidedBy).toEqual([rules[worst]!.id]);
  });
});

describe('every rule is evaluated: one reason per rule, in order', () => {
  it('a failing first rule does not stop the others', () => {
    const d = evaluateRollback({
      rules: [
        errorRate(),
        {
          id: 'tests',
          kind: 'count',
          metric: 'contract_test.failures',
          op: '>',
          value: 0,
          action: 'block',
          minCoverage: 0,
        },
        {
          id: 'success',
          kind: 'threshold',
          metric: 'http.server.success.rate',
          op: '<',
          value: 0.98,
          for: '2m',
        },
      ],
      series: {
        [ERR]: bad(),
        'contract_test.failures': [{ t: NOW, value: 2 }],
        'http.server.success.rate': flat(0.9, 9),
      },
      now: NOW,
    });
    expect(d.action).toBe('block');
    expect(d.reasons.map((r) => [r.rule, r.status, r.verdict])).toEqual([
      ['error-rate', 'breach', 'rollback'],
      ['tests', 'breach', 'block'],
      ['success', 'breach', 'rollback'],
    ]);
    expect(d.summary).toMatch(/^block: tests — contract_test\.failures sums to 2/);
  });

  it('each reason names rule, kind, metric, observed, threshold, window, samples, since, margin and a sentence', () => {
    const d = evaluateRollback({ rules: [errorRate()], series: { [ERR]: bad() }, now: NOW });
    expect(d.reasons[0]).toMatchObject({
      rule: 'error-rate',
      kind: 'threshold',
      metric: ERR,
      status: 'breach',
      verdict: 'rollback',
      observed: 0.05,
      op: '>',
      threshold: 0.02,
      window: '2m',
      samples: 9,
      coverage: 1,
      since: NOW - 2 * M,
      margin: { remainingMs: 0 },
      dryRun: false,
    });
    expect(d.reasons[0]!.message).toBe(
      'http.server.errors.rate has been above 0.02 since 2025-10-02T11:58:00.000Z (2m, rule needs 2m); latest 0.05.',
    );
  });

  it('a decision is plain JSON: no Infinity, NaN or undefined anywhere', () => {
    const d = evaluateRollback({
      rules: [errorRate(), { id: 'p95', kind: 'baseline_ratio', metric: 'lat', op: '>', ratio: 2 }],
      series: { [ERR]: series([Number.NaN, 0.05]), lat: { canary: flat(5, 21), baseline: flat(0, 21) } },
      now: NOW,
    });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('promote needs full evidence', () => {
  it('promotes when every enforced rule passed', () => {
    const d = evaluateRollback({ rules: [errorRate()], series: { [ERR]: good() }, now: NOW });
    expect(d.action).toBe('promote');
    expect(d.summary).toBe('promote: all 1 enforced rule passed with full evidence.');
  });

  it('continues while one rule is still filling its window', () => {
    const d = evaluateRollback({
      rules: [errorRate(), { ...errorRate(), id: 'young', metric: 'young' }],
      series: { [ERR]: good(), young: flat(0.01, 3, 15 * S) },
      now: NOW,
    });
    expect(d.action).toBe('continue');
    expect(d.decidedBy).toEqual(['young']);
  });
});

describe('missing evidence: empty, NaN and provider errors are distinct', () => {
  const judge = (data: SeriesInput, extra: Partial<RollbackRule> = {}, state?: RollbackState) =>
    evaluateRollback({ rules: [errorRate(extra)], series: data, now: NOW, state });

  it.each([
    ['metric absent', {}, 'no_data', /not in the series/],
    ['empty array', { [ERR]: [] }, 'no_data', /no samples in the last 2m/],
    ['only NaN', { [ERR]: series([Number.NaN, null, Number.NaN]) }, 'nan', /only NaN samples/],
    [
      'provider error',
      { [ERR]: { error: 'query timed out' } },
      'error',
      /sample provider reported "query timed out"/,
    ],
  ] as const)('%s → %s', (_name, data, status, message) => {
    const reason = judge(data as SeriesInput).reasons[0]!;
    expect(reason.status).toBe(status);
    expect(reason.message).toMatch(message);
  });

  it.each([
    ['inconclusive', 'inconclusive'],
    ['hold', 'hold'],
    ['rollback', 'rollback'],
    ['ignore', 'inconclusive'], // the only rule does not vote: no evidence at all, never a promotion
  ] as const)('noData: %s → %s', (noData, action) => {
    expect(judge({}, { noData }).action).toBe(action);
    expect(judge({ [ERR]: series([Number.NaN]) }, { noData }).action).toBe(action);
  });

  it('an ignored rule without data does not stop the others from promoting', () => {
    const d = evaluateRollback({
      rules: [errorRate(), { ...errorRate(), id: 'optional', metric: 'optional.metric', noData: 'ignore' }],
      series: { [ERR]: good() },
      now: NOW,
    });
    expect(d.action).toBe('promote');
    expect(d.reasons[1]).toMatchObject({ status: 'no_data', verdict: null });
  });

  it('provider errors are tolerated up to consecutiveErrorLimit (default 4), then the noData policy applies', () => {
    const actions: string[] = [];
    let state: RollbackState | undefined;
    for (let i = 0; i < 6; i++) {
      const d = evaluateRollback({
        rules: [errorRate()],
        series: { [ERR]: { error: 'HTTP 500' } },
        now: NOW + i * M,
        state,
      });
      actions.push(d.action);
      state = d.state;
    }
    expect(actions).toEqual(['continue', 'continue', 'continue', 'continue', 'inconclusive', 'inconclusive']);
    expect(state?.rules['error-rate']).toMatchObject({ errors: 6, consecutiveErrors: 6 });
  });

  it('a good measurement resets the consecutive-error count', () => {
    let state: RollbackState | undefined;
    const step = (data: SeriesInput, at: number) => {
      const d = evaluateRollback({
        rules: [errorRate({ consecutiveErrorLimit: 1 })],
        series: data,
        now: at,
        state,
      });
      state = d.state;
      return d.action;
    };
    expect(step({ [ERR]: { error: 'x' } }, NOW)).toBe('continue');
    expect(step({ [ERR]: flat(0.01, 9, 15 * S, NOW + M) }, NOW + M)).toBe('promote');
    expect(step({ [ERR]: { error: 'x' } }, NOW + 2 * M)).toBe('continue');
    expect(step({ [ERR]: { error: 'x' } }, NOW + 3 * M)).toBe('inconclusive');
  });
});

describe('Argo-style limits over successive evaluations', () => {
  function run(rule: RollbackRule, frames: SeriesInput[]): RollbackDecision[] {
    const out: RollbackDecision[] = [];
    let state: RollbackState | undefined;
    frames.forEach((data, i) => {
      const d = evaluateRollback({ rules: [rule], series: data, now: NOW + i * M, state });
      state = d.state;
      out.push(d);
    });
    return out;
  }
  const at = (i: number, values: number) => ({ [ERR]: flat(values, 9, 15 * S, NOW + i * M) });

  it('failureLimit: fails when failures > limit, counting every breach (not only consecutive ones)', () => {
    const ds = run(errorRate({ failureLimit: 2 }), [at(0, 0.05), at(1, 0.01), at(2, 0.05), at(3, 0.05)]);
    expect(ds.map((d) => d.action)).toEqual(['continue', 'promote', 'continue', 'rollback']);
    expect(ds[0]!.reasons[0]!.message).toMatch(/failure 1 of 2 tolerated/);
    expect(ds[3]!.state.rules['error-rate']).toMatchObject({ failures: 3, passes: 1 });
  });

  it('a tolerated breach says so in the summary', () => {
    const d = run(errorRate({ failureLimit: 1 }), [at(0, 0.05)])[0]!;
    expect(d.summary).toMatch(/^continue: error-rate — .*failure 1 of 1 tolerated/);
  });

  it('failureLimit 0 (the default) fails on the first breach', () => {
    expect(run(errorRate(), [at(0, 0.05)])[0]!.action).toBe('rollback');
  });

  it('inconclusiveLimit: inconclusive when inconclusive measurements > limit', () => {
    const ds = run(errorRate({ inconclusiveLimit: 1 }), [{}, {}, {}]);
    expect(ds.map((d) => d.action)).toEqual(['continue', 'inconclusive', 'inconclusive']);
  });

  it('replaying the same instant with the returned state counts nothing (idempotent)', () => {
    const rule = errorRate({ failureLimit: 1 });
    const first = evaluateRollback({ rules: [rule], series: at(0, 0.05), now: NOW });
    const again = evaluateRollback({ rules: [rule], series: at(0, 0.05), now: NOW, state: first.state });
    expect(again.action).toBe(first.action);
    expect(again.state).toEqual(first.state);
    const earlier = evaluateRollback({
      rules: [rule],
      series: at(0, 0.05),
      now: NOW - M,
      state: first.state,
    });
    expect(earlier.state.rules['error-rate']!.failures).toBe(1);
  });

  it('never mutates the state passed in', () => {
    const first = evaluateRollback({ rules: [errorRate()], series: at(0, 0.05), now: NOW });
    const snapshot = structuredClone(first.state);
    evaluateRollback({ rules: [errorRate()], series: at(1, 0.05), now: NOW + M, state: first.state });
    expect(first.state).toEqual(snapshot);
  });
});

describe('dry run', () => {
  it('a dry-run rule is evaluated and reported but never changes the verdict', () => {
    const d = evaluateRollback({
      rules: [errorRate({ id: 'shadow', dryRun: true }), { ...errorRate(), id: 'real', metric: 'other' }],
      series: { [ERR]: bad(), other: good() },
      now: NOW,
    });
    expect(d.action).toBe('promote');
    expect(d.reasons[0]).toMatchObject({
      rule: 'shadow',
      status: 'breach',
      verdict: 'rollback',
      dryRun: true,
    });
    expect(d.reasons[0]!.message).toMatch(/^\[dry run\] /);
    expect(d.decidedBy).toEqual(['real']);
  });

  it('only dry-run rules: nothing enforced, nothing promoted', () => {
    const d = evaluateRollback({ rules: [errorRate({ dryRun: true })], series: { [ERR]: good() }, now: NOW });
    expect(d.action).toBe('inconclusive');
    expect(d.summary).toMatch(/no enforced rule/);
  });
});

describe('inputs', () => {
  it('now may be a Date', () => {
    const a = evaluateRollback({ rules: [errorRate()], series: { [ERR]: bad() }, now: NOW });
    const b = evaluateRollback({ rules: [errorRate()], series: { [ERR]: bad() }, now: new Date(NOW) });
    expect(b).toEqual(a);
  });

  it('a rule set document and a bare array of rules are both accepted', () => {
    const doc = evaluateRollback({
      rules: { schema_version: '1.0.0', rules: [errorRate()] },
      series: { [ERR]: bad() },
      now: NOW,
    });
    expect(doc.action).toBe('rollback');
    expect(doc.issues).toEqual([]);
  });

  it('typed columns, unsorted arrays and sample objects give the same decision and hash', () => {
    const objects = bad();
    const shuffled = [...objects].reverse();
    const columns = {
      t: Float64Array.from(objects, (s) => s.t),
      value: Float64Array.from(objects, (s) => s.value ?? Number.NaN),
    };
    const reversedColumns = { t: columns.t.slice().reverse(), value: columns.value.slice().reverse() };
    const frozen = reversedColumns.t.slice();
    const ds = [objects, shuffled, columns, reversedColumns].map((s) =>
      evaluateRollback({ rules: [errorRate()], series: { [ERR]: s }, now: NOW }),
    );
    for (const d of ds) expect(d).toEqual(ds[0]);
    expect(reversedColumns.t).toEqual(frozen); // the caller's arrays are never sorted in place
  });
});

describe('inputHash', () => {
  const base: EvaluateRollbackInput = { rules: [errorRate()], series: { [ERR]: bad() }, now: NOW };
  const hash = (input: Partial<EvaluateRollbackInput>) => evaluateRollback({ ...base, ...input }).inputHash;

  it('is sha256 of the canonical inputs', () => {
    expect(hash({})).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hash({})).toBe(hash({}));
  });

  it('changes with any sample, with now and with the rules; not with key order', () => {
    const h = hash({});
    expect(hash({ series: { [ERR]: [...bad().slice(0, -1), { t: NOW, value: 0.051 }] } })).not.toBe(h);
    expect(hash({ now: NOW + 1 })).not.toBe(h);
    expect(hash({ rules: [errorRate({ value: 0.03 })] })).not.toBe(h);
    const reordered = Object.fromEntries(Object.entries(errorRate()).reverse()) as RollbackRule;
    expect(hash({ rules: [reordered] })).toBe(h);
  });

  it('tells an empty series, NaN samples and a provider error apart', () => {
    const hashes = new Set([
      hash({ series: { [ERR]: [] } }),
      hash({ series: { [ERR]: series([Number.NaN]) } }),
      hash({ series: { [ERR]: series([null]) } }), // null is read as NaN: the same input
      hash({ series: { [ERR]: { error: 'boom' } } }),
      hash({ series: {} }),
    ]);
    expect(hashes.size).toBe(4);
  });

  it('-0 and 0 hash alike (JSON cannot tell them apart)', () => {
    expect(hash({ series: { [ERR]: [{ t: NOW, value: -0 }] } })).toBe(
      hash({ series: { [ERR]: [{ t: NOW, value: 0 }] } }),
    );
    const columns = (t: number, v: number) => ({
      t: Float64Array.of(t, 1),
      value: Float64Array.of(v, Number.NaN),
    });
    expect(hash({ series: { [ERR]: columns(-0, -0) } })).toBe(hash({ series: { [ERR]: columns(0, 0) } }));
  });

  it('metrics no rule reads are hashed but their sample problems are not reported', () => {
    const series = { [ERR]: bad(), unused: [{ t: 'soon', value: 1 }] } as unknown as SeriesInput;
    const withHash = evaluateRollback({ ...base, series });
    const without = evaluateRollback({ ...base, series, hashInputs: false });
    expect(withHash.issues).toEqual([]);
    expect(without.issues).toEqual([]);
    expect(withHash.inputHash).not.toBe(hash({}));
  });

  it('is null when hashing is turned off', () => {
    expect(evaluateRollback({ ...base, hashInputs: false }).inputHash).toBeNull();
  });
});

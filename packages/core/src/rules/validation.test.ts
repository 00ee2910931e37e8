import { describe, expect, it } from 'vitest';
import { ROLLBACK_ERROR_CODES } from './codes.js';
import { evaluateRollback } from './evaluate.js';
import { flat, NOW, S } from './test-series.js';
import type { EvaluateRollbackInput } from './types.js';

const ERR = 'http.server.errors.rate';
const good = { id: 'error-rate', kind: 'threshold', metric: ERR, op: '>', value: 0.02, window: '1m' };
const healthy = { [ERR]: flat(0.01, 9, 15 * S) };

// Bad input is typed `unknown` on purpose: callers load rules from YAML/JSON.
function run(rules: unknown, extra: Record<string, unknown> = {}) {
  return evaluateRollback({ rules, series: healthy, now: NOW, ...extra } as unknown as EvaluateRollbackInput);
}
const where = (d: ReturnType<typeof run>) => d.errors.map((e) => [e.rule, e.field, e.path]);

describe('invalid rules become errors naming the rule id and the field', () => {
  it.each([
    [
      'an unknown kind',
      { ...good, kind: 'p99_magic' },
      'kind',
      /must be one of threshold, baseline_ratio, count/,
    ],
    ['a bad duration', { ...good, for: '5 minutes' }, 'for', /duration such as 30s, 5m/],
    ['a zero window', { ...good, window: '0s' }, 'window', /longer than 0/],
    ['a NaN threshold', { ...good, value: Number.NaN }, 'value', /finite number/],
    ['an infinite threshold', { ...good, value: Number.POSITIVE_INFINITY }, 'value', /finite number/],
    ['a string threshold', { ...good, value: '0.02' }, 'value', /finite number, got "0.02"/],
    ['a missing op', { ...good, op: undefined }, 'op', /is required/],
    ['an unknown op', { ...good, op: '=>' }, 'op', /one of >, >=, <, <=, ==, !=/],
    ['an unknown field', { ...good, minSample: 3 }, 'minSample', /not a field of a threshold rule/],
    ['minSamples 0', { ...good, minSamples: 0 }, 'minSamples', /at least 1/],
    ['minCoverage above 1', { ...good, minCoverage: 1.5 }, 'minCoverage', /at most 1/],
    ['a fractional failureLimit', { ...good, failureLimit: 1.5 }, 'failureLimit', /integer/],
    [
      'an unknown noData policy',
      { ...good, noData: 'pass' },
      'noData',
      /inconclusive, hold, rollback, ignore/,
    ],
    ['an unknown action', { ...good, action: 'promote' }, 'action', /rollback, block, hold/],
    ['a bad metric name', { ...good, metric: 'errors rate' }, 'metric', /metric name/],
    [
      'a non-positive ratio',
      { id: 'p95', kind: 'baseline_ratio', metric: 'x', op: '>', ratio: 0 },
      'ratio',
      /greater than 0/,
    ],
    [
      'an unknown aggregate',
      { id: 'p95', kind: 'baseline_ratio', metric: 'x', op: '>', ratio: 2, aggregate: 'p42' },
      'aggregate',
      /mean, p50/,
    ],
    [
      'a confidence of 1',
      { id: 'mw', kind: 'mann_whitney', metric: 'x', direction: 'increase', confidence: 1 },
      'confidence',
      /less than 1/,
    ],
    [
      'critical below allowed',
      {
        id: 'mw',
        kind: 'mann_whitney',
        metric: 'x',
        direction: 'increase',
        allowedEffectSize: 0.3,
        criticalEffectSize: 0.1,
      },
      'criticalEffectSize',
      /at least allowedEffectSize/,
    ],
  ])('%s', (_name, rule, field, message) => {
    const d = run([good, { ...rule, id: rule.id === 'error-rate' ? 'broken' : rule.id }]);
    const id = rule.id === 'error-rate' ? 'broken' : rule.id;
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]).toMatchObject({
      code: ROLLBACK_ERROR_CODES.RULE_INVALID,
      rule: id,
      field,
      path: `rules[1].${field}`,
    });
    expect(d.errors[0]!.message).toMatch(message);
    expect(d.errors[0]!.message).toContain(`rule "${id}"`);
    // The broken rule is reported invalid and keeps the decision from promoting; the good rule still ran.
    expect(d.reasons.map((r) => r.status)).toEqual(['pass', 'invalid']);
    expect(d.action).toBe('inconclusive');
  });

  it('a breach elsewhere still wins over an invalid rule', () => {
    const d = evaluateRollback({
      rules: [good, { ...good, id: 'broken', for: 'soon' }] as never,
      series: { [ERR]: flat(0.5, 9, 15 * S) },
      now: NOW,
    });
    expect(d.action).toBe('rollback');
  });

  it('an invalid id is named by position', () => {
    const d = run([{ ...good, id: 'Error Rate' }]);
    expect(d.errors[0]).toMatchObject({ rule: null, field: 'id', path: 'rules[0].id' });
    expect(d.reasons[0]!.rule).toBe('#0');
  });

  it('duplicate ids are refused (state and reasons are keyed by id)', () => {
    const d = run([good, good]);
    expect(d.errors[0]).toMatchObject({
      code: ROLLBACK_ERROR_CODES.RULE_DUPLICATE_ID,
      rule: 'error-rate',
      path: 'rules[1].id',
    });
    expect(d.reasons.map((r) => r.status)).toEqual(['pass', 'invalid']);
  });

  it('every problem of a rule is listed, not only the first', () => {
    const d = run([
      { id: 'x', kind: 'threshold', metric: 'm', op: '~', value: 'high', for: 'later', extra: 1 },
    ]);
    expect(
      where(d)
        .map((w) => w[1])
        .sort(),
    ).toEqual(['extra', 'for', 'op', 'value']);
  });
});

describe('invalid documents and arguments', () => {
  it.each([
    ['null', null],
    ['a string', 'rules.yaml'],
    ['an object without rules', { schema_version: '1.0.0' }],
  ])('rules as %s', (_name, rules) => {
    const d = run(rules);
    expect(d.action).toBe('inconclusive');
    expect(d.errors[0]).toMatchObject({ code: ROLLBACK_ERROR_CODES.RULES_INVALID, path: 'rules' });
    expect(d.summary).toMatch(/^inconclusive: the input cannot be evaluated/);
  });

  it('an empty rule set is inconclusive: no rule, no evidence', () => {
    expect(run([]).errors[0]!.message).toBe('a rule set needs at least one rule');
    expect(run([]).action).toBe('inconclusive');
  });

  it('an unknown schema major or field in the rule set keeps the decision from promoting', () => {
    const d = run({ schema_version: '2.0.0', rules: [good], owner: 'sre' });
    expect(where(d)).toEqual([
      [null, 'owner', 'owner'],
      [null, 'schema_version', 'schema_version'],
    ]);
    expect(d.reasons[0]!.status).toBe('pass');
    expect(d.action).toBe('inconclusive');
  });

  it.each([
    ['NaN', Number.NaN],
    ['a string', '2025-10-02'],
    ['an invalid Date', new Date('nope')],
  ])('now as %s', (_name, now) => {
    const d = run([good], { now });
    expect(d.errors[0]).toMatchObject({ code: ROLLBACK_ERROR_CODES.NOW_INVALID, field: 'now' });
    expect(d.action).toBe('inconclusive');
    expect(d.evaluatedAt).toBeNull();
    expect(d.reasons[0]!.status).toBe('invalid');
  });

  it('series that is not an object is reported; rules see no data', () => {
    const d = run([good], { series: [1, 2, 3] });
    expect(d.errors[0]).toMatchObject({ code: ROLLBACK_ERROR_CODES.SERIES_INVALID, path: 'series' });
    expect(d.reasons[0]!.status).toBe('no_data');
  });

  it('bad samples are dropped (or read as NaN) and named by path; the rest is evaluated', () => {
    const samples = [
      ...flat(0.01, 9, 15 * S),
      { t: 'yesterday', value: 1 },
      'junk',
      { t: NOW - 1, value: 'high' },
    ];
    const d = run([good], { series: { [ERR]: samples } });
    expect(where(d)).toEqual([
      [null, 't', `series["${ERR}"][9].t`],
      [null, 't', `series["${ERR}"][10].t`],
      [null, 'value', `series["${ERR}"][11].value`],
    ]);
    expect(d.reasons[0]).toMatchObject({ status: 'pass', samples: 5, details: { nanSamples: 1 } });
  });

  it('many bad samples are summarized, not listed one by one', () => {
    const samples = Array.from({ length: 1000 }, () => ({ t: null, value: 1 }));
    const d = run([good], { series: { [ERR]: samples } });
    expect(d.errors).toHaveLength(6);
    expect(d.errors[5]!.message).toMatch(/995 more samples/);
  });

  it('columns of different lengths are refused', () => {
    const d = run([good], { series: { [ERR]: { t: [1, 2], value: [1] } } });
    expect(d.errors[0]!.message).toMatch(/differ in length/);
    expect(d.reasons[0]!.status).toBe('invalid');
  });

  it('a state that is not one this evaluator returned is ignored, with an error', () => {
    const d = run([good], { state: { evaluations: -1 } });
    expect(d.errors[0]).toMatchObject({ code: ROLLBACK_ERROR_CODES.STATE_INVALID });
    expect(d.state.evaluations).toBe(1);
    const partial = run([good], {
      state: { evaluations: 2, lastEvaluatedAt: NOW - 1, rules: { 'error-rate': { failures: 'many' } } },
    });
    expect(partial.errors[0]).toMatchObject({ code: ROLLBACK_ERROR_CODES.STATE_INVALID, rule: 'error-rate' });
    expect(partial.state.rules['error-rate']!.passes).toBe(1);
  });

  it('no input at all is an inconclusive decision, not a crash', () => {
    const d = evaluateRollback(undefined as unknown as EvaluateRollbackInput);
    expect(d.action).toBe('inconclusive');
    expect(d.errors.map((e) => e.code)).toContain(ROLLBACK_ERROR_CODES.RULES_INVALID);
  });

  it('cyclic and exotic values in rules are reported, never thrown', () => {
    const cyclic: Record<string, unknown> = { ...good };
    cyclic.self = cyclic;
    const d = run([cyclic, { ...good, id: 'big', value: 10n }]);
    expect(d.inputHash).toMatch(/^sha256:/);
    expect(where(d).map((w) => w[1])).toEqual(['self', 'value']);
  });
});

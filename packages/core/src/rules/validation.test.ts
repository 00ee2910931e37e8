import { describe, expect, it } from 'vitest';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
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
const where = (d: ReturnType<typeof run>) => d.issues.map((e) => e.path);

describe('invalid rules become issues naming the rule and the field by path', () => {
  it.each([
    [
      'an unknown kind',
      { ...good, kind: 'p99_magic' },
      'kind',
      'invalid_union',
      /unknown or missing discriminator/,
    ],
    ['a bad duration', { ...good, for: '5 minutes' }, 'for', 'invalid_format', /duration such as 30s, 5m/],
    ['a zero window', { ...good, window: '0s' }, 'window', 'invalid_format', /longer than 0/],
    ['a NaN threshold', { ...good, value: Number.NaN }, 'value', 'invalid_type', /finite number/],
    [
      'an infinite threshold',
      { ...good, value: Number.POSITIVE_INFINITY },
      'value',
      'invalid_type',
      /finite number/,
    ],
    [
      'a string threshold',
      { ...good, value: '0.02' },
      'value',
      'invalid_type',
      /expected number, received string/,
    ],
    ['a missing op', { ...good, op: undefined }, 'op', 'invalid_value', /expected one of ">"/],
    ['an unknown op', { ...good, op: '=>' }, 'op', 'invalid_value', /">"\|">="\|"<"\|"<="\|"=="\|"!="/],
    [
      'an unknown field',
      { ...good, minSample: 3 },
      'minSample',
      'unrecognized_key',
      /unknown field "minSample"/,
    ],
    ['minSamples 0', { ...good, minSamples: 0 }, 'minSamples', 'too_small', /expected number to be >=1/],
    [
      'minCoverage above 1',
      { ...good, minCoverage: 1.5 },
      'minCoverage',
      'too_big',
      /expected number to be <=1/,
    ],
    [
      'a fractional failureLimit',
      { ...good, failureLimit: 1.5 },
      'failureLimit',
      'invalid_type',
      /expected int/,
    ],
    [
      'an unknown noData policy',
      { ...good, noData: 'pass' },
      'noData',
      'invalid_value',
      /"inconclusive"\|"hold"\|"rollback"\|"ignore"/,
    ],
    [
      'an unknown action',
      { ...good, action: 'promote' },
      'action',
      'invalid_value',
      /"rollback"\|"block"\|"hold"/,
    ],
    ['a bad metric name', { ...good, metric: 'errors rate' }, 'metric', 'invalid_format', /metric name/],
    [
      'a non-positive ratio',
      { id: 'p95', kind: 'baseline_ratio', metric: 'x', op: '>', ratio: 0 },
      'ratio',
      'too_small',
      /expected number to be >0/,
    ],
    [
      'an unknown aggregate',
      { id: 'p95', kind: 'baseline_ratio', metric: 'x', op: '>', ratio: 2, aggregate: 'p42' },
      'aggregate',
      'invalid_value',
      /"mean"\|"p50"/,
    ],
    [
      'a confidence of 1',
      { id: 'mw', kind: 'mann_whitney', metric: 'x', direction: 'increase', confidence: 1 },
      'confidence',
      'too_big',
      /expected number to be <1/,
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
      'custom',
      /at least allowedEffectSize/,
    ],
  ])('%s', (_name, rule, field, code, message) => {
    const d = run([good, { ...rule, id: rule.id === 'error-rate' ? 'broken' : rule.id }]);
    const id = rule.id === 'error-rate' ? 'broken' : rule.id;
    expect(d.issues).toHaveLength(1);
    // Exactly the contract's issue shape: { code, path, message }, nothing more.
    expect(Object.keys(d.issues[0]!).sort()).toEqual(['code', 'message', 'path']);
    expect(d.issues[0]).toMatchObject({ code, path: `rules[1].${field}` });
    expect(d.issues[0]!.message).toMatch(message);
    // The issue names the rule by its path; its reason names it by id.
    expect(d.reasons[1]!.rule).toBe(id);
    expect(d.reasons[1]!.message).toContain(`${field}: `);
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
    expect(d.issues[0]).toMatchObject({ code: 'invalid_format', path: 'rules[0].id' });
    expect(d.reasons[0]!.rule).toBe('#0');
  });

  it('duplicate ids are refused (state and reasons are keyed by id)', () => {
    const d = run([good, good]);
    expect(d.issues[0]).toMatchObject({ code: 'custom', path: 'rules[1].id' });
    expect(d.issues[0]!.message).toMatch(/rule id "error-rate" is used by an earlier rule/);
    expect(d.reasons.map((r) => r.status)).toEqual(['pass', 'invalid']);
  });

  it('every problem of a rule is listed, not only the first', () => {
    const d = run([
      { id: 'x', kind: 'threshold', metric: 'm', op: '~', value: 'high', for: 'later', extra: 1 },
    ]);
    expect(where(d).sort()).toEqual(['rules[0].extra', 'rules[0].for', 'rules[0].op', 'rules[0].value']);
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
    expect(d.issues[0]).toMatchObject({ code: 'invalid_type', path: 'rules' });
    expect(d.summary).toMatch(/^inconclusive: the input cannot be evaluated/);
  });

  it('an empty rule set is inconclusive: no rule, no evidence', () => {
    expect(run([]).issues[0]).toEqual({
      code: 'too_small',
      path: 'rules',
      message: 'a rule set needs at least one rule',
    });
    expect(run([]).action).toBe('inconclusive');
  });

  it('an unknown schema major or field in the rule set keeps the decision from promoting', () => {
    // The contract refuses another major before reading any field, so the unknown field is reported alone below.
    const d = run({ schema_version: '2.0.0', rules: [good], owner: 'sre' });
    expect(d.issues).toMatchObject([{ code: 'unsupported_version', path: 'schema_version' }]);
    expect(d.reasons[0]!.status).toBe('pass');
    expect(d.action).toBe('inconclusive');
    const unknown = run({ schema_version: '1.0.0', rules: [good], owner: 'sre' });
    expect(unknown.issues).toMatchObject([{ code: 'unrecognized_key', path: 'owner' }]);
    expect(unknown.reasons[0]!.status).toBe('pass');
    expect(unknown.action).toBe('inconclusive');
  });

  it('a newer minor keeps its unknown fields, also beside a broken rule', () => {
    const newer = { ...good, owner: 'sre' };
    expect(run({ schema_version: '1.1.0', rules: [newer] }).issues).toEqual([]);
    const d = run({ schema_version: '1.1.0', rules: [newer, { ...good, id: 'broken', for: 'soon' }] });
    expect(where(d)).toEqual(['rules[1].for']);
    expect(d.reasons.map((r) => r.status)).toEqual(['pass', 'invalid']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['a string', '2025-10-02'],
    ['an invalid Date', new Date('nope')],
  ])('now as %s', (_name, now) => {
    const d = run([good], { now });
    expect(d.issues[0]).toMatchObject({ code: ROLLBACK_ISSUE_CODES.NOW_INVALID, path: 'now' });
    expect(d.action).toBe('inconclusive');
    expect(d.evaluatedAt).toBeNull();
    expect(d.reasons[0]!.status).toBe('invalid');
  });

  it('series that is not an object is reported; rules see no data', () => {
    const d = run([good], { series: [1, 2, 3] });
    expect(d.issues[0]).toMatchObject({ code: ROLLBACK_ISSUE_CODES.SERIES_INVALID, path: 'series' });
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
      `series["${ERR}"][9].t`,
      `series["${ERR}"][10].t`,
      `series["${ERR}"][11].value`,
    ]);
    expect(d.issues.map((e) => e.code)).toEqual(Array(3).fill(ROLLBACK_ISSUE_CODES.SAMPLE_INVALID));
    expect(d.reasons[0]).toMatchObject({ status: 'pass', samples: 5, details: { nanSamples: 1 } });
  });

  it('many bad samples are summarized, not listed one by one', () => {
    const samples = Array.from({ length: 1000 }, () => ({ t: null, value: 1 }));
    const d = run([good], { series: { [ERR]: samples } });
    expect(d.issues).toHaveLength(6);
    expect(d.issues[5]!.message).toMatch(/995 more samples/);
  });

  it('columns of different lengths are refused', () => {
    const d = run([good], { series: { [ERR]: { t: [1, 2], value: [1] } } });
    expect(d.issues[0]!.message).toMatch(/differ in length/);
    expect(d.reasons[0]!.status).toBe('invalid');
  });

  it('a state that is not one this evaluator returned is ignored, with an issue', () => {
    const d = run([good], { state: { evaluations: -1 } });
    expect(d.issues[0]).toMatchObject({ code: ROLLBACK_ISSUE_CODES.STATE_INVALID });
    expect(d.state.evaluations).toBe(1);
    const partial = run([good], {
      state: { evaluations: 2, lastEvaluatedAt: NOW - 1, rules: { 'error-rate': { failures: 'many' } } },
    });
    expect(partial.issues[0]).toMatchObject({
      code: ROLLBACK_ISSUE_CODES.STATE_INVALID,
      path: 'state.rules["error-rate"]',
    });
    expect(partial.state.rules['error-rate']!.passes).toBe(1);
  });

  it('no input at all is an inconclusive decision, not a crash', () => {
    const d = evaluateRollback(undefined as unknown as EvaluateRollbackInput);
    expect(d.action).toBe('inconclusive');
    expect(d.issues).toContainEqual(expect.objectContaining({ code: 'invalid_type', path: 'rules' }));
  });

  it('cyclic and exotic values in rules are reported, never thrown', () => {
    const cyclic: Record<string, unknown> = { ...good };
    cyclic.self = cyclic;
    const d = run([cyclic, { ...good, id: 'big', value: 10n }]);
    expect(d.inputHash).toMatch(/^sha256:/);
    expect(where(d)).toEqual(['rules[0].self', 'rules[1].value']);
  });
});

describe('the input object itself', () => {
  it('reports a misspelt key as an issue naming it and the key it meant', () => {
    const d = run([good], { stte: {} });
    expect(d.issues).toEqual([
      {
        code: 'unrecognized_key',
        path: 'stte',
        message: 'evaluateRollback: unknown field "stte"; did you mean "state"?',
      },
    ]);
  });

  it('reports a hashInputs that is not a boolean', () => {
    expect(run([good], { hashInputs: 'no' }).issues).toEqual([
      { code: 'invalid_type', path: 'hashInputs', message: 'hashInputs must be true or false' },
    ]);
  });
});

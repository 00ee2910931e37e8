import type { ThresholdRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { compileRules } from './compiled-rules.js';
import { evaluateRollback } from './evaluate.js';
import { CONTRACT_DEFAULT_RULES } from './presets.js';
import { flat, NOW, S } from './test-series.js';
import type { EvaluateRollbackInput, SeriesInput } from './types.js';

const ERR = 'http.server.errors.rate';
const rule: ThresholdRule = {
  id: 'error-rate',
  kind: 'threshold',
  metric: ERR,
  op: '>',
  value: 0.02,
  for: '1m',
};
const series: SeriesInput = {
  [ERR]: flat(0.05, 9, 15 * S),
  'http.server.duration.p95': { canary: flat(110, 21), baseline: flat(100, 21) },
};

describe('compileRules', () => {
  it.each([
    ['a rule-set document', CONTRACT_DEFAULT_RULES],
    ['a bare array of rules', [rule]],
  ])('%s compiles once and decides exactly as the raw input, inputHash included', (_name, rules) => {
    const compiled = compileRules(rules);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const raw = evaluateRollback({ rules, series, now: NOW });
    const fast = evaluateRollback({ rules: compiled.value, series, now: NOW });
    expect(fast).toEqual(raw);
    expect(fast.inputHash).toMatch(/^sha256:/);
    const next = evaluateRollback({ rules: compiled.value, series, now: NOW + 60_000, state: fast.state });
    expect(next).toEqual(evaluateRollback({ rules, series, now: NOW + 60_000, state: raw.state }));
  });

  it('gives the parsed document (a bare array read as { rules })', () => {
    const compiled = compileRules([rule]);
    expect(compiled.ok && compiled.value.document).toEqual({ rules: [rule] });
  });

  it('refuses what evaluateRollback reports, with the same issues', () => {
    const bad = [rule, { ...rule, id: 'broken', for: 'soon' }, rule];
    const compiled = compileRules(bad);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.issues).toEqual(evaluateRollback({ rules: bad, series, now: NOW }).issues);
    expect(compiled.issues.map((i) => i.path)).toEqual(['rules[1].for', 'rules[2].id']);
    expect(compileRules(null)).toMatchObject({
      ok: false,
      issues: [{ code: 'invalid_type', path: 'rules' }],
    });
  });

  it('is immutable: changing the input after compiling changes nothing', () => {
    const input = { rules: [{ ...rule }] };
    const compiled = compileRules(input);
    if (!compiled.ok) throw new Error('expected to compile');
    const before = evaluateRollback({ rules: compiled.value, series, now: NOW });
    input.rules[0]!.value = 0.5;
    expect(evaluateRollback({ rules: compiled.value, series, now: NOW })).toEqual(before);
    expect(Object.isFrozen(compiled.value.document.rules[0])).toBe(true);
  });

  it('a look-alike object is read as a document, never trusted as compiled', () => {
    const compiled = compileRules([rule]);
    if (!compiled.ok) throw new Error('expected to compile');
    const lookAlike = { ...compiled.value } as unknown as EvaluateRollbackInput['rules'];
    const d = evaluateRollback({ rules: lookAlike, series, now: NOW });
    expect(d.action).toBe('inconclusive');
    expect(d.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_key', path: 'document' }));
  });
});

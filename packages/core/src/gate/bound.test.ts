import { describe, expect, it } from 'vitest';
import { parseBound, satisfiesBound } from './bound.js';

function check(bound: unknown, observed: number): boolean {
  const parsed = parseBound(bound);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return satisfiesBound(parsed.value, observed);
}

describe('Bound forms and their exact boundaries', () => {
  it.each([
    // object keys: lt/gt are strict, lte/gte/max/min include the limit
    [{ lt: 200 }, 199.999, true],
    [{ lt: 200 }, 200, false],
    [{ lte: 200 }, 200, true],
    [{ lte: 200 }, 200.001, false],
    [{ max: 0 }, 0, true],
    [{ max: 0 }, 1, false],
    [{ gt: 0.98 }, 0.98, false],
    [{ gt: 0.98 }, 0.981, true],
    [{ gte: 0.98 }, 0.98, true],
    [{ min: 3 }, 2, false],
    [{ min: 3 }, 3, true],
    [{ gte: 1, lt: 5 }, 1, true],
    [{ gte: 1, lt: 5 }, 5, false],
    // string form
    ['< 200', 200, false],
    ['< 200', 199, true],
    ['<= 200', 200, true],
    ['>=0.5', 0.5, true],
    ['> -1', -1, false],
    ['== 0', 0, true],
    ['== 0', 0.1, false],
    ['  <   0.01  ', 0.01, false],
    // a bare number means "at most"
    [0, 0, true],
    [0, 1, false],
    [0.01, 0.01, true],
  ])('%j with %d passes: %s', (bound, observed, expected) => {
    expect(check(bound, observed)).toBe(expected);
  });

  it.each([
    [{ lt: 200 }, '< 200'],
    [{ max: 0 }, '<= 0'],
    [{ lt: 5, gte: 1 }, '>= 1 and < 5'],
    ['<200', '< 200'],
    [0, '<= 0'],
  ])('%j is written as "%s"', (bound, text) => {
    const parsed = parseBound(bound);
    expect(parsed.ok && parsed.value.text).toBe(text);
  });

  it.each([
    [{}, 'at least one'],
    [{ below: 3 }, 'unknown field "below"'],
    [{ lt: '200' }, 'expected number, received string'],
    [{ lt: Number.NaN }, 'finite number'],
    ['about 200', 'expected a bound such as "< 200"'],
    ['< 2e3', 'expected a bound such as "< 200"'],
    [Number.POSITIVE_INFINITY, 'expected a finite number'],
    [null, 'matches none of the allowed forms'],
    [[200], 'matches none of the allowed forms'],
  ])('%j is refused with a message naming the problem', (bound, message) => {
    const parsed = parseBound(bound);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});

describe('a refused bound comes back as contract issues', () => {
  it('with paths inside the bound and parseContract codes', () => {
    const parsed = parseBound({ below: 3 });
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.path, i.code])).toEqual([
      ['below', 'unrecognized_key'],
      ['', 'custom'],
    ]);
    expect(parseBound(undefined)).toMatchObject({ ok: false, issues: [{ path: '', code: 'invalid_type' }] });
  });
});

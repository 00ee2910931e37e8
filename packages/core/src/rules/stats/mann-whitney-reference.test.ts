// rollgate's Mann-Whitney U test against committed reference values from scipy (see
// packages/core/references/mann-whitney/generate.py): the exact permutation p (every split enumerated) and the
// normal approximation. Python is needed only to regenerate the file, never here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Alternative, mannWhitneyU } from './mann-whitney-u.js';

interface ReferenceCase {
  name: string;
  canary: number[];
  baseline: number[];
  alternative: Alternative;
  u: number;
  p_exact: number | null;
  p_asymptotic: number;
}

const reference = JSON.parse(
  readFileSync(new URL('../../../references/mann-whitney/mann-whitney.json', import.meta.url), 'utf8'),
) as { cases: ReferenceCase[] };
const f64 = (xs: number[]) => Float64Array.from(xs).sort();
const run = (c: ReferenceCase, choice: 'auto' | 'normal' = 'auto') =>
  mannWhitneyU(f64(c.canary), f64(c.baseline), c.alternative, choice);
const enumerated = reference.cases.filter((c) => c.p_exact !== null);

describe('Mann-Whitney U against scipy (committed reference values)', () => {
  it('holds tie-free, tied, lopsided and large cases', () => {
    expect(enumerated.length).toBeGreaterThan(100);
    expect(reference.cases.some((c) => c.p_exact === null)).toBe(true);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))('%s: U is scipy’s', (_, c) => {
    expect(run(c).u).toBe(c.u);
  });

  it.each(enumerated.map((c) => [c.name, c] as const))('%s: exact p is the permutation p', (_, c) => {
    const r = run(c);
    expect(r.method).toBe('exact');
    expect(Math.abs(r.p - c.p_exact!)).toBeLessThanOrEqual(1e-12 + 1e-9 * c.p_exact!);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))(
    '%s: the normal approximation is scipy’s asymptotic p',
    (_, c) => {
      // The normal tail (Numerical Recipes erfc) has a fractional error below 1.2e-7.
      expect(Math.abs(run(c, 'normal').p - c.p_asymptotic)).toBeLessThanOrEqual(2e-7);
    },
  );

  it('large samples fall back to the normal approximation', () => {
    const large = reference.cases.filter((c) => c.canary.length >= 40 && c.baseline.length >= 40);
    expect(large.length).toBeGreaterThan(0);
    for (const c of large) expect(run(c).method).toBe('normal');
  });

  it('decides as the exact test at 98 % and 95 % confidence wherever it enumerates', () => {
    for (const alpha of [0.02, 0.05]) {
      const differ = enumerated.filter((c) => run(c).p < alpha !== c.p_exact! < alpha);
      expect(differ.map((c) => c.name)).toEqual([]);
    }
  });

  it('issue 13: canary [3,1,1,0,0] against sixteen 0s and one 1, two-sided, is p = 0.036, not 0.0073', () => {
    const c = reference.cases[0]!;
    expect(c.canary).toEqual([3, 1, 1, 0, 0]);
    const r = run(c);
    expect(r).toMatchObject({ u: 66, method: 'exact' });
    expect(r.p).toBeCloseTo(0.036226930963773066, 12);
    expect(run(c, 'normal').p).toBeCloseTo(0.007265248147038922, 6);
  });
});

// parseMatrix reads whatever JSON a Prometheus (or something pretending to be one) sends: fuzzed, it never
// throws, and what it returns is either one series of finite times or an error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMatrix, sampleValue } from './parse-matrix.js';

describe('sampleValue', () => {
  it('reads Prometheus’ spellings and refuses what Number() would silently accept', () => {
    expect([sampleValue('1.5'), sampleValue('+Inf'), sampleValue('-Inf'), sampleValue('1e3')]).toEqual([
      1.5,
      Infinity,
      -Infinity,
      1000,
    ]);
    for (const text of ['NaN', '', ' 1', 'abc', null, 3]) expect(sampleValue(text)).toBeNaN();
  });
});

describe('parseMatrix', () => {
  it('never throws on arbitrary JSON, and a success holds finite, equal-length columns', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const result = parseMatrix(data);
        if (result.ok) {
          expect(result.series.t.length).toBe(result.series.value.length);
          for (const t of result.series.t) expect(Number.isFinite(t)).toBe(true);
        } else expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on matrix-shaped answers with arbitrary points', () => {
    const point = fc.oneof(fc.tuple(fc.double(), fc.string()), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(point, { maxLength: 20 }), (values) => {
        const result = parseMatrix({ resultType: 'matrix', result: [{ metric: {}, values }] });
        expect(result.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { Scorecard } from '../documents/release.js';
import { makeReadinessReport } from '../testing.js';
import { parseContract } from './parse-contract.js';
import { toContractIssues } from './parse-schema.js';

// A reader that checks one part of a document with that part's schema must word its issues exactly as
// parseContract words the same mistake in the whole document.
describe('toContractIssues', () => {
  const whole = (scorecard: Record<string, unknown>) => {
    const result = parseContract('readiness-report', { ...makeReadinessReport(), scorecard });
    return result.ok ? [] : result.issues;
  };
  const part = (scorecard: Record<string, unknown>) => {
    const read = Scorecard.safeParse(scorecard, { reportInput: true });
    return read.success ? [] : toContractIssues(read.error.issues, ['scorecard']);
  };

  it.each([
    ['an unknown key', { passed: true, scre: 90 }],
    ['a missing field', { score: 90 }],
    ['a wrong type', { passed: 'yes' }],
    ['a value out of range', { passed: true, error_rate: 2 }],
  ])('words %s as parseContract does, under the given path', (_, scorecard) => {
    const issues = part(scorecard);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toEqual(whole(scorecard));
    for (const issue of issues) expect(issue.path).toMatch(/^scorecard\./);
  });

  it('keeps the paths as they are without a prefix', () => {
    const read = Scorecard.safeParse({ score: 90 }, { reportInput: true });
    expect(read.success ? [] : toContractIssues(read.error.issues)).toEqual([
      { path: 'passed', code: 'invalid_type', message: 'required: expected boolean' },
    ]);
  });
});

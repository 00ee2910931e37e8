import { describe, expect, it } from 'vitest';
import { type ParseOptions, parseContract } from './parse-contract.js';

const RULES = {
  schema_version: '1.0.0',
  rules: [
    {
      id: 'error-rate',
      kind: 'threshold',
      metric: 'http.server.errors.rate',
      op: '>',
      value: 0.02,
      for: '2m',
    },
  ],
};

function messages(options: unknown): string[] {
  const result = parseContract('rollback-rules', RULES, options as ParseOptions);
  return result.ok ? [] : result.issues.map((issue) => issue.message);
}

describe('parseContract options', () => {
  it('reports a misspelt key as an issue naming it and the key it meant, never parsing with defaults', () => {
    expect(messages({ limts: { maxBytes: 10 } })).toEqual([
      'parseContract: unknown option "limts"; did you mean "limits"?',
    ]);
    expect(messages({ limits: { maxBtes: 10 } })).toEqual([
      'parseContract: unknown option "limits.maxBtes"; did you mean "limits.maxBytes"?',
    ]);
  });

  it('reports wrong-typed values by option', () => {
    expect(messages({ profile: 'strict' })).toEqual([
      'parseContract: option profile is invalid: expected "observability"',
    ]);
    expect(messages({ limits: { maxDepth: '8', maxNodes: 0 } })).toEqual([
      'parseContract: option limits.maxDepth is invalid: expected a positive integer',
      'parseContract: option limits.maxNodes is invalid: expected a positive integer',
    ]);
  });

  it('accepts every documented option', () => {
    const options = {
      limits: { maxBytes: 4096, maxDepth: 8, maxNodes: 100 },
      profile: 'observability',
    } as const;
    expect(parseContract('rollback-rules', RULES, options).ok).toBe(true);
    expect(parseContract('rollback-rules', RULES).ok).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContract } from '../parse/parse-contract.js';
import { appendApproval } from './approvals.js';

const runbook = readFileSync(
  new URL('../../fixtures/v1.0.0/release-manifest/valid/runbook-example.json', import.meta.url),
  'utf8',
);
const approval = { role: 'sre', actor: 'bob', timestamp: '2025-10-02T15:00:00Z' };

describe('appendApproval on arbitrary text', () => {
  it('never throws on any text, and returns issues for what is not a manifest', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(runbook.slice(0, 200))), (text) => {
        const result = appendApproval(text, approval);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('appends to the manifest however it is indented, and the result parses with the approval last', () => {
    const doc = JSON.parse(runbook);
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 3, 4, 8, '\t'), (indent) => {
        const result = appendApproval(JSON.stringify(doc, null, indent), approval);
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const parsed = parseContract('release-manifest', JSON.parse(result.value.text));
        expect(parsed.ok && parsed.value.approvals.at(-1)).toEqual(approval);
      }),
    );
  });
});

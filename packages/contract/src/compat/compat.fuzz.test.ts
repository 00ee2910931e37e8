import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSchemas } from './classify.js';

// Schema-like values: the keywords the comparer reads, with arbitrary (often wrong) values mixed in.
const keyword = fc.constantFrom(
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  'pattern',
  'minimum',
  'exclusiveMaximum',
  'maxLength',
  'minItems',
  'multipleOf',
  '$ref',
  'not',
);
const schemaLike = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.boolean(),
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(
      keyword,
      fc.oneof(tie('node'), fc.array(tie('node'), { maxLength: 3 }), fc.constant('#/$defs/x')),
      { maxKeys: 4 },
    ),
  ),
}));

describe('compareSchemas on arbitrary input', () => {
  it('never throws, and a schema compared with itself is FULL', () => {
    fc.assert(
      fc.property(schemaLike.node, schemaLike.node, (a, b) => {
        const report = compareSchemas(a, b);
        expect(['FULL', 'BACKWARD', 'FORWARD', 'NONE']).toContain(report.level);
        // The generator's $refs all dangle, and a dangling $ref cannot be judged (NONE even against itself).
        const self = compareSchemas(a, structuredClone(a));
        if (!JSON.stringify(a).includes('"$ref"')) expect(self.level).toBe('FULL');
      }),
      { numRuns: 500 },
    );
  });
});

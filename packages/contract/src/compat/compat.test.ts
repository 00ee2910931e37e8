import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakingChanges, compareSchemas, isCompatible } from './classify.js';
import type { CompatLevel } from './types.js';

const obj = (
  properties: Record<string, unknown>,
  required: string[] = [],
  extra: Record<string, unknown> = {},
) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
const str = { type: 'string' };
const gateDecision = JSON.parse(
  readFileSync(new URL('../../schemas/gate-decision.schema.json', import.meta.url), 'utf8'),
);

interface Row {
  change: string;
  old: unknown;
  new: unknown;
  level: CompatLevel;
  /** `code path` of every change that breaks something. */
  breaking: string[];
}

// Each row is a change a contract author really makes, with the classification written out by hand.
const TABLE: Row[] = [
  { change: 'identical schemas', old: obj({ a: str }), new: obj({ a: str }), level: 'FULL', breaking: [] },
  {
    change: 'description edited',
    old: obj({ a: { ...str, description: 'x' } }),
    new: obj({ a: { ...str, description: 'y' } }),
    level: 'FULL',
    breaking: [],
  },
  {
    change: 'optional field added to a closed object',
    old: obj({ a: str }),
    new: obj({ a: str, b: str }),
    level: 'BACKWARD',
    breaking: ['field_added $.b'],
  },
  {
    change: 'optional field added to an open object',
    old: { type: 'object', properties: { a: str } },
    new: { type: 'object', properties: { a: str, b: str } },
    level: 'FORWARD',
    breaking: ['type_narrowed $.b'],
  },
  {
    change: 'field became required',
    old: obj({ a: str, b: str }, ['a']),
    new: obj({ a: str, b: str }, ['a', 'b']),
    level: 'FORWARD',
    breaking: ['field_became_required $.b'],
  },
  {
    change: 'required field made optional',
    old: obj({ a: str, b: str }, ['a', 'b']),
    new: obj({ a: str, b: str }, ['a']),
    level: 'BACKWARD',
    breaking: ['field_no_longer_required $.b'],
  },
  {
    change: 'required field removed from a closed object',
    old: obj({ a: str, b: str }, ['a', 'b']),
    new: obj({ a: str }, ['a']),
    level: 'NONE',
    breaking: ['field_no_longer_required $.b', 'field_removed $.b'],
  },
  {
    change: 'optional field removed from an open object',
    old: { type: 'object', properties: { a: str, b: str } },
    new: { type: 'object', properties: { a: str } },
    level: 'BACKWARD',
    breaking: ['type_widened $.b'],
  },
  {
    change: 'type narrowed: number|string to number',
    old: obj({ v: { type: ['number', 'string'] } }),
    new: obj({ v: { type: 'number' } }),
    level: 'FORWARD',
    breaking: ['type_narrowed $.v'],
  },
  {
    change: 'type widened: integer to number',
    old: obj({ v: { type: 'integer' } }),
    new: obj({ v: { type: 'number' } }),
    level: 'BACKWARD',
    breaking: ['type_widened $.v'],
  },
  {
    change: 'enum lost a value',
    old: obj({ s: { type: 'string', enum: ['a', 'b', 'c'] } }),
    new: obj({ s: { type: 'string', enum: ['a', 'b'] } }),
    level: 'FORWARD',
    breaking: ['enum_value_removed $.s'],
  },
  {
    change: 'enum gained a value',
    old: obj({ s: { type: 'string', enum: ['a', 'b'] } }),
    new: obj({ s: { type: 'string', enum: ['a', 'b', 'c'] } }),
    level: 'BACKWARD',
    breaking: ['enum_value_added $.s'],
  },
  {
    change: 'additionalProperties closed',
    old: { type: 'object', properties: { a: str } },
    new: { type: 'object', properties: { a: str }, additionalProperties: false },
    level: 'FORWARD',
    breaking: ['additional_properties_closed $.*'],
  },
  {
    change: 'additionalProperties opened',
    old: obj({ a: str }),
    new: { type: 'object', properties: { a: str } },
    level: 'BACKWARD',
    breaking: ['additional_properties_opened $.*'],
  },
  {
    change: 'pattern added',
    old: obj({ id: str }),
    new: obj({ id: { type: 'string', pattern: '^[a-z]+$' } }),
    level: 'FORWARD',
    breaking: ['pattern_added $.id'],
  },
  {
    change: 'pattern rewritten',
    old: obj({ id: { type: 'string', pattern: '^[a-z]+$' } }),
    new: obj({ id: { type: 'string', pattern: '^[a-z0-9]+$' } }),
    level: 'NONE',
    breaking: ['pattern_changed $.id'],
  },
  {
    change: 'maximum lowered',
    old: obj({ n: { type: 'number', maximum: 100 } }),
    new: obj({ n: { type: 'number', maximum: 10 } }),
    level: 'FORWARD',
    breaking: ['bound_tightened $.n'],
  },
  {
    change: 'minimum made exclusive',
    old: obj({ n: { type: 'number', minimum: 0 } }),
    new: obj({ n: { type: 'number', exclusiveMinimum: 0 } }),
    level: 'FORWARD',
    breaking: ['bound_tightened $.n'],
  },
  {
    change: 'maxLength raised',
    old: obj({ s: { type: 'string', maxLength: 64 } }),
    new: obj({ s: { type: 'string', maxLength: 256 } }),
    level: 'BACKWARD',
    breaking: ['bound_relaxed $.s'],
  },
  {
    change: 'minItems added to a nested array',
    old: obj({ xs: { type: 'array', items: obj({ k: str }, ['k']) } }),
    new: obj({ xs: { type: 'array', items: obj({ k: str }, ['k']), minItems: 1 } }),
    level: 'FORWARD',
    breaking: ['bound_tightened $.xs'],
  },
  {
    change: 'nested field became required inside array items',
    old: obj({ xs: { type: 'array', items: obj({ k: str, v: str }, ['k']) } }),
    new: obj({ xs: { type: 'array', items: obj({ k: str, v: str }, ['k', 'v']) } }),
    level: 'FORWARD',
    breaking: ['field_became_required $.xs[*].v'],
  },
  {
    change: 'union type written as anyOf (same documents)',
    old: obj({ o: { type: ['number', 'string', 'boolean', 'null'] } }),
    new: obj({
      o: { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, { type: 'null' }] },
    }),
    level: 'FULL',
    breaking: [],
  },
  {
    change: 'anyOf lost an alternative',
    old: obj({
      b: { anyOf: [obj({ lt: { type: 'number' } }), { type: 'string', pattern: '^<' }, { type: 'number' }] },
    }),
    new: obj({ b: { anyOf: [obj({ lt: { type: 'number' } }), { type: 'number' }] } }),
    level: 'FORWARD',
    breaking: ['branch_removed $.b'],
  },
  {
    change: '$ref target tightened',
    old: { $defs: { N: { type: 'string' } }, ...obj({ n: { $ref: '#/$defs/N' } }) },
    new: { $defs: { N: { type: 'string', maxLength: 8 } }, ...obj({ n: { $ref: '#/$defs/N' } }) },
    level: 'FORWARD',
    breaking: ['bound_tightened $.n'],
  },
  {
    change: 'gate-decision 1.0.0 against itself with union types split',
    old: { ...gateDecision, properties: { ...gateDecision.properties } },
    new: gateDecision,
    level: 'FULL',
    breaking: [],
  },
];

describe('compareSchemas classifies real changes as Confluent Schema Registry does', () => {
  it.each(TABLE.map((row) => [row.change, row] as const))('%s', (_, row) => {
    const report = compareSchemas(row.old, row.new);
    expect(report.level).toBe(row.level);
    const breaking = report.changes.filter((c) => c.breaks.length > 0).map((c) => `${c.code} ${c.path}`);
    expect(breaking).toEqual(row.breaking);
    expect(isCompatible(report, 'full')).toBe(row.level === 'FULL');
    expect(isCompatible(report, 'backward')).toBe(row.level === 'FULL' || row.level === 'BACKWARD');
    expect(isCompatible(report, 'forward')).toBe(row.level === 'FULL' || row.level === 'FORWARD');
  });

  it('lists only the changes that break the mode asked', () => {
    const report = compareSchemas(obj({ a: str, b: str }, ['a', 'b']), obj({ a: str, c: str }, ['a', 'c']));
    expect(breakingChanges(report, 'backward').map((c) => `${c.code} ${c.path}`)).toEqual([
      'field_removed $.b',
      'field_became_required $.c',
    ]);
    expect(breakingChanges(report, 'forward').map((c) => `${c.code} ${c.path}`)).toEqual([
      'field_no_longer_required $.b',
      'field_added $.c',
    ]);
  });

  it('sees the 1.0.0 union-type spelling and the anyOf spelling of gate-decision as the same documents', () => {
    const unionSpelling = structuredClone(gateDecision);
    const reason = unionSpelling.properties.reasons.items.properties;
    reason.observed = { type: ['number', 'string', 'boolean', 'null'] };
    reason.limit = { type: ['number', 'string', 'boolean'] };
    expect(compareSchemas(unionSpelling, gateDecision).level).toBe('FULL');
  });
});

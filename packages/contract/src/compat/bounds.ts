// Numeric and length bounds: which way each one moved. A lower bound that rises, or an upper bound that falls,
// tightens (old documents may now fail); the reverse relaxes (new documents may fail old readers).
import { SCHEMA_CHANGE_CODES } from './codes.js';
import type { SchemaNode } from './normalize.js';
import type { SchemaChange } from './types.js';

type Bound = { value: number; exclusive: boolean } | undefined;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function lower(node: SchemaNode, inclusive: string, exclusive?: string): Bound {
  const a = num(node[inclusive]);
  const b = exclusive === undefined ? undefined : num(node[exclusive]);
  if (a === undefined) return b === undefined ? undefined : { value: b, exclusive: true };
  if (b === undefined || a > b) return { value: a, exclusive: false };
  return { value: b, exclusive: true };
}

function upper(node: SchemaNode, inclusive: string, exclusive?: string): Bound {
  const a = num(node[inclusive]);
  const b = exclusive === undefined ? undefined : num(node[exclusive]);
  if (a === undefined) return b === undefined ? undefined : { value: b, exclusive: true };
  if (b === undefined || a < b) return { value: a, exclusive: false };
  return { value: b, exclusive: true };
}

// -1: `next` admits less than `prev`, 1: more, 0: the same. `side` 1 for lower bounds, -1 for upper.
function direction(prev: Bound, next: Bound, side: 1 | -1): number {
  if (prev === undefined && next === undefined) return 0;
  if (prev === undefined) return -1;
  if (next === undefined) return 1;
  if (prev.value !== next.value) return (next.value - prev.value) * side > 0 ? -1 : 1;
  if (prev.exclusive === next.exclusive) return 0;
  return next.exclusive ? -1 : 1;
}

const spell = (b: Bound, op: string) =>
  b === undefined ? 'none' : `${op}${b.exclusive ? '' : '='} ${b.value}`;

const PAIRS: { name: string; get: (n: SchemaNode) => Bound; side: 1 | -1; op: string }[] = [
  { name: 'minimum', get: (n) => lower(n, 'minimum', 'exclusiveMinimum'), side: 1, op: '>' },
  { name: 'maximum', get: (n) => upper(n, 'maximum', 'exclusiveMaximum'), side: -1, op: '<' },
  { name: 'minLength', get: (n) => lower(n, 'minLength'), side: 1, op: '>' },
  { name: 'maxLength', get: (n) => upper(n, 'maxLength'), side: -1, op: '<' },
  { name: 'minItems', get: (n) => lower(n, 'minItems'), side: 1, op: '>' },
  { name: 'maxItems', get: (n) => upper(n, 'maxItems'), side: -1, op: '<' },
  { name: 'minProperties', get: (n) => lower(n, 'minProperties'), side: 1, op: '>' },
  { name: 'maxProperties', get: (n) => upper(n, 'maxProperties'), side: -1, op: '<' },
];

/** Every bound that moved between two nodes at `path`. */
export function compareBounds(prev: SchemaNode, next: SchemaNode, path: string): SchemaChange[] {
  const out: SchemaChange[] = [];
  for (const pair of PAIRS) {
    const a = pair.get(prev);
    const b = pair.get(next);
    const moved = direction(a, b, pair.side);
    if (moved === 0) continue;
    const tightened = moved < 0;
    out.push({
      code: tightened ? SCHEMA_CHANGE_CODES.boundTightened : SCHEMA_CHANGE_CODES.boundRelaxed,
      path,
      message: `${pair.name} ${tightened ? 'tightened' : 'relaxed'}: ${spell(a, pair.op)} → ${spell(b, pair.op)}`,
      breaks: [tightened ? 'backward' : 'forward'],
    });
  }
  const m1 = num(prev.multipleOf);
  const m2 = num(next.multipleOf);
  if (m1 !== m2) {
    const narrower = m1 === undefined || (m2 !== undefined && m2 % m1 === 0);
    const wider = m2 === undefined || (m1 !== undefined && m1 % m2 === 0);
    out.push({
      code: SCHEMA_CHANGE_CODES.keywordChanged,
      path,
      message: `multipleOf changed: ${m1 ?? 'none'} → ${m2 ?? 'none'}`,
      breaks: narrower ? ['backward'] : wider ? ['forward'] : ['backward', 'forward'],
    });
  }
  if (prev.uniqueItems !== true && next.uniqueItems === true)
    out.push({
      code: SCHEMA_CHANGE_CODES.boundTightened,
      path,
      message: 'items must now be unique',
      breaks: ['backward'],
    });
  if (prev.uniqueItems === true && next.uniqueItems !== true)
    out.push({
      code: SCHEMA_CHANGE_CODES.boundRelaxed,
      path,
      message: 'items need no longer be unique',
      breaks: ['forward'],
    });
  return out;
}

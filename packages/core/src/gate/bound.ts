// Bounds of gate policies in every form the contract allows: `{ lt: 200 }` (and lte, gt, gte,
// max = lte, min = gte, combined with "and"), the string form `"< 200"`, and a bare number
// meaning "at most". Comparisons are exact: `lt 200` means 200 itself fails; `lte 200` passes it.
// The contract's `Bound` schema decides what is a bound; this file only says what one means.
import { type Bound, type ContractIssue, type ParseResult, parseContract } from '@rollgate/contract';

/** A comparison an observed value must satisfy. */
export type BoundOp = '<' | '<=' | '>' | '>=' | '==';

/** A parsed bound: every check must hold; `text` is its canonical form, e.g. `< 200`. */
export interface ParsedBound {
  /** The comparisons, all of which must hold. */
  readonly checks: readonly { readonly op: BoundOp; readonly value: number }[];
  /** Canonical text, e.g. `>= 1 and < 5`; it is the `limit` of the gate's reasons. */
  readonly text: string;
}

type BoundObject = Exclude<Bound, string | number>;

// Typed by the schema's keys, so a key the contract adds cannot be forgotten here.
const KEY_OPS: Readonly<Record<keyof BoundObject, BoundOp>> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  max: '<=',
  min: '>=',
};
// Lower limits first, so `{ lt: 5, gte: 1 }` reads `>= 1 and < 5` whatever the key order.
const KEY_ORDER: readonly (keyof BoundObject)[] = ['gt', 'gte', 'min', 'lt', 'lte', 'max'];

const make = (checks: { op: BoundOp; value: number }[]): ParsedBound => ({
  checks,
  text: checks.map((c) => `${c.op} ${c.value}`).join(' and '),
});

/** The meaning of a bound the contract's schema accepted. */
export function boundOf(bound: Bound): ParsedBound {
  if (typeof bound === 'number') return make([{ op: '<=', value: bound }]);
  if (typeof bound === 'string') {
    // The schema admitted only `<op> <number>`: the operator is one or two characters, the rest a number.
    const text = bound.trim();
    const width = text[1] === '=' ? 2 : 1;
    return make([{ op: text.slice(0, width) as BoundOp, value: Number(text.slice(width)) }]);
  }
  const checks: { op: BoundOp; value: number }[] = [];
  for (const key of KEY_ORDER) {
    const value = bound[key];
    if (value !== undefined) checks.push({ op: KEY_OPS[key], value });
  }
  return make(checks);
}

// The contract reads a bound as the value of a policy, so parseBound asks it exactly that, and
// its issues (paths re-rooted at the bound) read as parseContract writes them.
const AT = 'policies.performance_p95_ms';

const reroot = (issue: ContractIssue): ContractIssue => {
  const rest = issue.path.startsWith(AT) ? issue.path.slice(AT.length) : '';
  return { ...issue, path: rest.startsWith('.') ? rest.slice(1) : rest };
};

/** Parses a bound in any of its forms with the contract's schema; a value that is not a bound comes back as issues. */
export function parseBound(bound: unknown): ParseResult<ParsedBound> {
  const read = parseContract('gate-policy', { policies: { performance_p95_ms: bound } });
  if (!read.ok) return { ok: false, issues: read.issues.map(reroot) };
  const value = read.value.policies.performance_p95_ms;
  // Only `undefined` passes the optional field without being a bound.
  if (value === undefined)
    return { ok: false, issues: [{ code: 'invalid_type', path: '', message: 'required: expected a bound' }] };
  return { ok: true, value: boundOf(value) };
}

function holds(observed: number, op: BoundOp, limit: number): boolean {
  switch (op) {
    case '<':
      return observed < limit;
    case '<=':
      return observed <= limit;
    case '>':
      return observed > limit;
    case '>=':
      return observed >= limit;
    case '==':
      return observed === limit;
  }
}

/** True when the observed value satisfies every check of the bound. */
export const satisfiesBound = (bound: ParsedBound, observed: number): boolean =>
  bound.checks.every((c) => holds(observed, c.op, c.value));

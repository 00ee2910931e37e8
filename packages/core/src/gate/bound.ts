// Bounds of gate policies in every form the contract allows: `{ lt: 200 }` (and lte, gt, gte,
// max = lte, min = gte, combined with "and"), the string form `"< 200"`, and a bare number
// meaning "at most". Comparisons are exact: `lt 200` means 200 itself fails; `lte 200` passes it.

/** A comparison an observed value must satisfy. */
export type BoundOp = '<' | '<=' | '>' | '>=' | '==';

/** A parsed bound: every check must hold; `text` is its canonical form, e.g. `< 200`. */
export interface ParsedBound {
  readonly checks: readonly { readonly op: BoundOp; readonly value: number }[];
  readonly text: string;
}

/** A parsed bound, or why the bound cannot be read. */
export type BoundResult = { ok: true; bound: ParsedBound } | { ok: false; message: string };

const KEY_OPS: Readonly<Record<string, BoundOp>> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  max: '<=',
  min: '>=',
};
const KEY_ORDER = ['gt', 'gte', 'min', 'lt', 'lte', 'max'];
const STRING_RE = /^\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

const make = (checks: { op: BoundOp; value: number }[]): ParsedBound => ({
  checks,
  text: checks.map((c) => `${c.op} ${c.value}`).join(' and '),
});

/** Parses a Bound in any of its forms. */
export function parseBound(bound: unknown): BoundResult {
  if (typeof bound === 'number') {
    return Number.isFinite(bound)
      ? { ok: true, bound: make([{ op: '<=', value: bound }]) }
      : { ok: false, message: `${bound} is not a finite number` };
  }
  if (typeof bound === 'string') {
    const m = STRING_RE.exec(bound);
    if (!m)
      return {
        ok: false,
        message: `"${bound.slice(0, 60)}" is not a bound such as "< 200", "<= 0.01" or ">= 1"`,
      };
    return { ok: true, bound: make([{ op: m[1] as BoundOp, value: Number(m[2]) }]) };
  }
  if (typeof bound !== 'object' || bound === null || Array.isArray(bound)) {
    return {
      ok: false,
      message: 'a bound is a number, a string such as "< 200", or an object such as { lt: 200 }',
    };
  }
  const entries = Object.entries(bound);
  if (entries.length === 0)
    return { ok: false, message: 'a bound needs at least one of lt, lte, gt, gte, max, min' };
  const checks: { op: BoundOp; value: number }[] = [];
  for (const [key, value] of entries.sort(([a], [b]) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b))) {
    const op = KEY_OPS[key];
    if (op === undefined)
      return {
        ok: false,
        message: `unknown bound key "${key.slice(0, 40)}"; expected lt, lte, gt, gte, max or min`,
      };
    if (typeof value !== 'number' || !Number.isFinite(value))
      return { ok: false, message: `bound ${key} must be a finite number` };
    checks.push({ op, value });
  }
  return { ok: true, bound: make(checks) };
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

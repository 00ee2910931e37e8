// compileRules: read and compile a rule set once, then evaluate it every minute without parsing it again.
// The compiled value is an instance of a class this module never exports, so `evaluateRollback` tells it
// from a raw document by identity, never by looking at fields a user's YAML could also carry.
import type { ParseResult, RollbackRules } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';
import { canonicalJson } from '../evaluator-kit/canonical-json.js';
import type { CompiledRule } from './compile.js';
import { readRules } from './read-rules.js';

/** A rule set read and compiled once by `compileRules`: pass it as `rules` to `evaluateRollback`. Immutable. */
export interface CompiledRules {
  /** The rule set as the contract parsed it (a bare array of rules is read as `{ rules }`). */
  readonly document: Readonly<RollbackRules>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

class Compiled implements CompiledRules {
  constructor(
    readonly document: Readonly<RollbackRules>,
    /** One compiled rule per rule, in order. */
    readonly rules: readonly CompiledRule[],
    /** Canonical JSON of the input as given, so the decision's inputHash equals the raw input's. */
    readonly rulesJson: string,
  ) {
    deepFreeze(this);
  }
}

/** True for a value `compileRules` returned (and only for one). */
export function isCompiledRules(value: unknown): value is Compiled {
  return value instanceof Compiled;
}

/**
 * Reads a rule-set document (or a bare array of rules) with the contract and compiles it once: defaults
 * applied, durations in milliseconds. Returns `{ ok: true, value }` to pass as `rules` to `evaluateRollback`,
 * or `{ ok: false, issues }` with every problem. Never throws.
 */
export function compileRules(rules: unknown): ParseResult<CompiledRules> {
  const set = readRules(rules);
  if (set.document === null) return { ok: false, issues: set.issues };
  let rulesJson: string;
  try {
    rulesJson = canonicalJson(rules);
  } catch (error) {
    // Only a getter that throws on its second read gets here: the contract read every value once already.
    const message = `rules could not be read: ${errorMessage(error)}`;
    return { ok: false, issues: [{ code: 'unreadable', path: 'rules', message }] };
  }
  return { ok: true, value: new Compiled(set.document, set.rules as CompiledRule[], rulesJson) };
}

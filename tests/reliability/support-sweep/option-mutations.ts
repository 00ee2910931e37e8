// The bad options generated from one options type: an unknown key, each real key misspelt (one letter dropped
// from its middle, so the misspelling is never a substring of the real key and a message naming the real key
// cannot pass for one naming the misspelling), and a wrong-typed value for each key whose type is a number,
// string, boolean or function, at every level of nesting the type has.
import type { OptionKey, ValueKind } from './option-surface.js';

/** One bad options object and the key its refusal must name. */
export interface Mutation {
  /** What is wrong, for reports (`heartbeat.intervalMs: wrong type (string)`). */
  readonly label: string;
  /** The key the refusal's message must name. */
  readonly names: string;
  /** The options to call with. */
  readonly options: Record<string, unknown>;
}

/** A key no options type has. */
export const UNKNOWN_KEY = 'zzNotAnOption';

type Options = Record<string, unknown>;

/** Every mutation of `base` the keys allow; nested objects are mutated where `base` holds one. */
export function mutationsOf(keys: readonly OptionKey[], base: Options): Mutation[] {
  const out: Mutation[] = [];
  walk(keys, base, base, [], out);
  return out;
}

function walk(
  keys: readonly OptionKey[],
  root: Options,
  here: Options,
  path: string[],
  out: Mutation[],
): void {
  const where = path.length === 0 ? '' : `${path.join('.')}.`;
  out.push({
    label: `${where}${UNKNOWN_KEY}: unknown key`,
    names: UNKNOWN_KEY,
    options: edit(root, path, (object) => ({ ...object, [UNKNOWN_KEY]: 1 })),
  });
  const names = keys.map((key) => key.name);
  for (const key of keys) {
    const misspelt = misspell(key.name, names);
    if (misspelt !== undefined) {
      out.push({
        label: `${where}${misspelt}: misspelling of "${key.name}"`,
        names: misspelt,
        options: edit(root, path, (object) => {
          // A user who misspells an optional key leaves the real one out; a required one stays, so the only
          // mistake in the object is the misspelling.
          const { [key.name]: real, ...rest } = object;
          const kept = key.optional ? rest : object;
          return { ...kept, [misspelt]: real ?? sampleOf(key.kinds) };
        }),
      });
    }
    const wrong = wrongValueFor(key.kinds);
    if (wrong !== undefined) {
      out.push({
        label: `${where}${key.name}: wrong type (${typeof wrong})`,
        names: key.name,
        options: edit(root, path, (object) => ({ ...object, [key.name]: wrong })),
      });
    }
    const nested = here[key.name];
    if (key.nested !== undefined && isPlainObject(nested)) {
      walk(key.nested, root, nested, [...path, key.name], out);
    }
  }
}

/** `name` with the letter at its middle dropped, unless that collides with another key. */
export function misspell(name: string, names: readonly string[]): string | undefined {
  if (name.length < 3) return undefined;
  const middle = Math.floor(name.length / 2);
  const misspelt = name.slice(0, middle) + name.slice(middle + 1);
  return names.includes(misspelt) ? undefined : misspelt;
}

/**
 * A value of a type the key's type does not accept, or undefined when the key's type is not a plain number,
 * string, boolean or function (objects and arrays are the functions' own business). The numbers and booleans
 * get strings that read like them (`'1000'`, `'false'`), the mistake an environment variable makes.
 */
export function wrongValueFor(kinds: readonly ValueKind[]): unknown {
  const simple: readonly ValueKind[] = ['number', 'string', 'boolean', 'function'];
  if (kinds.includes('other') || !kinds.some((kind) => simple.includes(kind))) return undefined;
  if (kinds.includes('string')) {
    if (!kinds.includes('number')) return 42;
    if (!kinds.includes('boolean')) return true;
    return undefined;
  }
  if (kinds.includes('number')) return '1000';
  if (kinds.includes('boolean')) return 'false';
  return 'not-a-function';
}

/** A value of the key's own type, for a misspelt key the base does not set. */
function sampleOf(kinds: readonly ValueKind[]): unknown {
  if (kinds.includes('number')) return 1000;
  if (kinds.includes('boolean')) return true;
  if (kinds.includes('string')) return 'value';
  if (kinds.includes('function')) return () => undefined;
  if (kinds.includes('array')) return [];
  return {};
}

// Copies only the objects along `path`, so the base (and the host values it holds) is shared, never mutated.
function edit(root: Options, path: readonly string[], change: (object: Options) => Options): Options {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path as [string, ...string[]];
  return { ...root, [head]: edit(root[head] as Options, rest, change) };
}

function isPlainObject(value: unknown): value is Options {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

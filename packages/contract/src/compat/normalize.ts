// Brings two spellings of one constraint to one form before comparing: local $refs followed, a boolean schema as
// an object, `anyOf` of bare types as a type list, `integer` inside `number`, `const` as a one-value enum.

/** A JSON Schema node as an object (a boolean schema is turned into one). */
export type SchemaNode = Record<string, unknown>;

/** The seven JSON types; `integer` is a subset of `number`. */
export const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;

const FALSE_SCHEMA: SchemaNode = { not: {} };

/** Follows `#/...` JSON pointers inside `root`; undefined for any other or a dangling reference. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The node as an object, with a local `$ref` merged in (a sibling keyword wins, as in 2020-12's allOf reading). */
export function normalize(node: unknown, root: unknown, depth = 0): SchemaNode | undefined {
  if (node === true || node === undefined) return {};
  if (node === false) return FALSE_SCHEMA;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
  let out = { ...(node as SchemaNode) };
  if (typeof out.$ref === 'string') {
    if (depth > 32) return undefined;
    const target = normalize(resolvePointer(root, out.$ref), root, depth + 1);
    if (target === undefined || resolvePointer(root, out.$ref) === undefined) return undefined;
    const { $ref: _, ...rest } = out;
    out = { ...target, ...rest };
  }
  if (out.const !== undefined && out.enum === undefined) out.enum = [out.const];
  const branches = out.anyOf ?? out.oneOf;
  if (Array.isArray(branches) && branches.length > 0 && branches.every(isBareType)) {
    const types = branches.flatMap((b) => typesOf(b as SchemaNode) ?? []);
    delete out.anyOf;
    delete out.oneOf;
    out.type = types;
  }
  return out;
}

function isBareType(branch: unknown): boolean {
  if (branch === null || typeof branch !== 'object') return false;
  const keys = Object.keys(branch).filter((k) => k !== 'description' && k !== 'title');
  return keys.length === 1 && keys[0] === 'type';
}

/** The node's types as a list, or undefined when it allows every type. */
export function typesOf(node: SchemaNode): string[] | undefined {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

/** True when a value of type `t` is allowed by the type list (`integer` values are numbers too). */
export function allowsType(types: readonly string[] | undefined, t: string): boolean {
  if (types === undefined) return true;
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

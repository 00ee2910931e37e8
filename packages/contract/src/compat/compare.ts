// The structural comparer: walks two JSON Schemas side by side and records every change with the document path
// it affects and the guarantees it breaks. It reasons about what each keyword admits, so it is exact for the
// keywords our contracts use (types, enums, objects, arrays, bounds) and conservative elsewhere: a change it cannot
// judge (a rewritten pattern, a `not`) is reported as breaking both ways rather than guessed.
import { compareBounds } from './bounds.js';
import { SCHEMA_CHANGE_CODES as C } from './codes.js';
import { allowsType, normalize, type SchemaNode, typesOf } from './normalize.js';
import type { CompatDirection, SchemaChange } from './types.js';

// Annotations and identifiers: they change no document's verdict.
const IGNORED = new Set([
  '$schema',
  '$id',
  '$defs',
  'definitions',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
// Keywords the comparer walks itself.
const HANDLED = new Set([
  ...['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems'],
  ...['pattern', 'format', 'anyOf', 'oneOf', 'propertyNames', '$ref'],
  ...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength'],
  ...['minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties'],
]);

interface Walk {
  oldRoot: unknown;
  newRoot: unknown;
  changes: SchemaChange[];
  seen: Set<string>;
}

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
// Schemas come from files: a keyword may hold anything, so nothing here assumes its shape.
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const record = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : undefined);

/** Every change from `oldSchema` to `newSchema`, in document order. */
export function diffSchemas(oldSchema: unknown, newSchema: unknown): SchemaChange[] {
  const walk: Walk = { oldRoot: oldSchema, newRoot: newSchema, changes: [], seen: new Set() };
  compareNode(walk, oldSchema, newSchema, '$');
  return walk.changes;
}

function add(walk: Walk, code: string, path: string, message: string, breaks: CompatDirection[]) {
  walk.changes.push({ code, path, message, breaks });
}

function compareNode(walk: Walk, oldRaw: unknown, newRaw: unknown, path: string): void {
  // A recursive schema meets the same pair again: once is enough.
  const pair = `${path}\u0000${JSON.stringify(oldRaw)}\u0000${JSON.stringify(newRaw)}`;
  if (walk.seen.has(pair)) return;
  walk.seen.add(pair);
  const prev = normalize(oldRaw, walk.oldRoot);
  const next = normalize(newRaw, walk.newRoot);
  if (prev === undefined || next === undefined) {
    add(walk, C.unresolvedRef, path, 'a $ref could not be resolved inside the schema', [
      'backward',
      'forward',
    ]);
    return;
  }
  compareTypes(walk, prev, next, path);
  compareEnums(walk, prev, next, path);
  compareStrings(walk, prev, next, path);
  walk.changes.push(...compareBounds(prev, next, path));
  compareObjects(walk, prev, next, path);
  compareArrays(walk, prev, next, path);
  compareBranches(walk, prev, next, path);
  for (const k of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (IGNORED.has(k) || HANDLED.has(k) || same(prev[k], next[k])) continue;
    add(walk, C.keywordChanged, path, `"${k}" changed; rollgate cannot tell which way, so both ways break`, [
      'backward',
      'forward',
    ]);
  }
}

function compareTypes(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  const a = typesOf(prev);
  const b = typesOf(next);
  const lost = (a ?? ['any type']).filter((t) => t !== 'any type' && !allowsType(b, t));
  const gained = (b ?? ['any type']).filter((t) => t !== 'any type' && !allowsType(a, t));
  if (b !== undefined && a === undefined) lost.push('any other type');
  if (a !== undefined && b === undefined) gained.push('any type');
  if (lost.length > 0)
    add(walk, C.typeNarrowed, path, `type narrowed: ${lost.join(', ')} no longer accepted`, ['backward']);
  if (gained.length > 0)
    add(walk, C.typeWidened, path, `type widened: ${gained.join(', ')} now accepted`, ['forward']);
}

function compareEnums(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  const a = Array.isArray(prev.enum) ? prev.enum : undefined;
  const b = Array.isArray(next.enum) ? next.enum : undefined;
  if (a === undefined && b === undefined) return;
  const has = (list: unknown[] | undefined, v: unknown) => list === undefined || list.some((x) => same(x, v));
  const lost = a === undefined ? ['(any value)'] : a.filter((v) => !has(b, v)).map((v) => JSON.stringify(v));
  const gained =
    b === undefined ? ['(any value)'] : b.filter((v) => !has(a, v)).map((v) => JSON.stringify(v));
  if (lost.length > 0) add(walk, C.enumValueRemoved, path, `enum lost ${lost.join(', ')}`, ['backward']);
  if (gained.length > 0) add(walk, C.enumValueAdded, path, `enum gained ${gained.join(', ')}`, ['forward']);
}

function compareStrings(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  for (const k of ['pattern', 'format'] as const) {
    const a = prev[k];
    const b = next[k];
    if (same(a, b)) continue;
    if (a === undefined) add(walk, C.patternAdded, path, `${k} added: ${show(b)}`, ['backward']);
    else if (b === undefined) add(walk, C.patternRemoved, path, `${k} removed: ${show(a)}`, ['forward']);
    else add(walk, C.patternChanged, path, `${k} changed: ${show(a)} → ${show(b)}`, ['backward', 'forward']);
  }
}

const isClosed = (n: SchemaNode) =>
  n.additionalProperties === false || same(n.additionalProperties, { not: {} });

function compareObjects(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  const pa = record(prev.properties);
  const pb = record(next.properties);
  const ra = new Set(strings(prev.required));
  const rb = new Set(strings(next.required));
  for (const name of new Set([...Object.keys(pa), ...Object.keys(pb), ...ra, ...rb])) {
    const at = `${path}${key(name)}`;
    const inOld = Object.hasOwn(pa, name);
    const inNew = Object.hasOwn(pb, name);
    if (rb.has(name) && !ra.has(name))
      add(walk, C.fieldBecameRequired, at, `"${name}" became required`, ['backward']);
    if (ra.has(name) && !rb.has(name))
      add(walk, C.fieldNoLongerRequired, at, `"${name}" is no longer required; old readers require it`, [
        'forward',
      ]);
    if (inOld && inNew) compareNode(walk, pa[name], pb[name], at);
    else if (inOld) {
      // Old documents may hold the field: the new schema judges it by its additionalProperties.
      if (isClosed(next))
        add(walk, C.fieldRemoved, at, `"${name}" removed from a closed object`, ['backward']);
      else compareNode(walk, pa[name], next.additionalProperties, at);
    } else if (inNew) {
      if (isClosed(prev))
        add(walk, C.fieldAdded, at, `"${name}" added to an object old readers keep closed`, ['forward']);
      else compareNode(walk, prev.additionalProperties, pb[name], at);
    }
  }
  const a = prev.additionalProperties;
  const b = next.additionalProperties;
  if (same(a, b)) return;
  if (isClosed(next) && !isClosed(prev))
    add(
      walk,
      C.additionalPropertiesClosed,
      `${path}.*`,
      'additionalProperties closed: unknown fields are now refused',
      ['backward'],
    );
  else if (isClosed(prev) && !isClosed(next))
    add(
      walk,
      C.additionalPropertiesOpened,
      `${path}.*`,
      'additionalProperties opened: old readers refuse unknown fields',
      ['forward'],
    );
  else compareNode(walk, a, b, `${path}.*`);
  if (!same(prev.propertyNames, next.propertyNames))
    compareNode(walk, prev.propertyNames, next.propertyNames, `${path}{key}`);
}

function compareArrays(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  const a = list(prev.prefixItems) ?? [];
  const b = list(next.prefixItems) ?? [];
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    compareNode(walk, a[i] ?? prev.items, b[i] ?? next.items, `${path}[${i}]`);
  if (prev.items !== undefined || next.items !== undefined)
    compareNode(walk, prev.items, next.items, `${path}[*]`);
}

// Each old branch must still be admitted by some new branch (backward), each new branch by some old one (forward).
function compareBranches(walk: Walk, prev: SchemaNode, next: SchemaNode, path: string) {
  const a = list(prev.anyOf ?? prev.oneOf);
  const b = list(next.anyOf ?? next.oneOf);
  if (a === undefined && b === undefined) return;
  // A side without alternatives is one alternative: itself.
  const strip = ({ anyOf: _a, oneOf: _o, ...rest }: SchemaNode) => rest;
  const left = a ?? [strip(prev)];
  const right = b ?? [strip(next)];
  const covered = (
    branch: unknown,
    options: unknown[],
    rootFrom: unknown,
    rootTo: unknown,
    dir: CompatDirection,
  ) =>
    options.some((option) => {
      const trial: Walk = { oldRoot: rootFrom, newRoot: rootTo, changes: [], seen: new Set() };
      compareNode(trial, branch, option, path);
      return !trial.changes.some((c) => c.breaks.includes(dir));
    });
  left.forEach((branch, i) => {
    if (!covered(branch, right, walk.oldRoot, walk.newRoot, 'backward'))
      add(walk, C.branchRemoved, path, `alternative ${i + 1} of the old schema is no longer accepted`, [
        'backward',
      ]);
  });
  right.forEach((branch, i) => {
    if (!covered(branch, left, walk.newRoot, walk.oldRoot, 'backward'))
      add(
        walk,
        C.branchAdded,
        path,
        `alternative ${i + 1} of the new schema is not accepted by old readers`,
        ['forward'],
      );
  });
}

// The override rule of the fixture factories, the one a test author has to guess least: objects merge key by key,
// everything else (arrays included) replaces, and an explicit `undefined` removes the key.

/** Overrides for a document: any part of it, nested objects partial too; arrays are given whole. */
export type Overrides<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: Overrides<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `base` with `overrides` merged in (neither is modified): objects deep, arrays and scalars replaced, `undefined` removes. */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) {
    return (overrides === undefined ? structuredClone(base) : structuredClone(overrides)) as T;
  }
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else out[key] = Object.hasOwn(out, key) ? deepMerge(out[key], value) : structuredClone(value);
  }
  return out as T;
}

// One canonical JSON for every hash core computes (rule decisions, gate decisions): equal values
// always serialize alike, and any value JavaScript can hold gets a stable spelling, never a throw.

const MAX_DEPTH = 64;

/** Canonical JSON: sorted keys, no undefined, NaN/±Infinity/bigint tagged, cycles and excessive depth marked. */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): string => {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : `{"$number":"${String(v)}"}`;
      case 'string':
      case 'boolean':
        return JSON.stringify(v);
      case 'bigint':
        return `{"$bigint":"${v.toString()}"}`;
      case 'undefined':
      case 'function':
      case 'symbol':
        return 'null';
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (depth >= MAX_DEPTH) return '{"$deep":true}';
    if (seen.has(obj)) return '{"$cycle":true}';
    if (obj instanceof Date)
      return `{"$date":${JSON.stringify(Number.isFinite(obj.getTime()) ? obj.getTime() : null)}}`;
    seen.add(obj);
    let out: string;
    if (Array.isArray(obj) || ArrayBuffer.isView(obj)) {
      const list = Array.from(obj as ArrayLike<unknown>);
      out = `[${list.map((x) => walk(x, depth + 1)).join(',')}]`;
    } else {
      const rec = obj as Record<string, unknown>;
      const keys = Object.keys(rec)
        .filter((k) => {
          const x = rec[k];
          return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
        })
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(rec[k], depth + 1)}`).join(',')}}`;
    }
    seen.delete(obj);
    return out;
  };
  return walk(value, 0);
}

// How values appear in reason and issue messages: short, and never a dump of large input.

/** Describes a value briefly for a message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A number rounded for people (at most 12 significant digits), as text. */
export const show = (n: number): string => String(Number.parseFloat(n.toPrecision(12)));

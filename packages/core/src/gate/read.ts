import { parseTimestamp } from '@rollgate/contract/time';

// Defensive readers: the gate takes typed input but must give a decision for anything it is handed.

/** True for a plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field of a value that may not be an object. */
export const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

const NAME_RE = /^\S(.*\S)?$/s;
const ENVIRONMENT_RE = /^[a-z][a-z0-9_-]{0,62}$/;

/** True for a contract `Name`: 1 to 256 characters, no surrounding whitespace. */
export const isName = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 256 && NAME_RE.test(value);

/** True for a contract `Environment`: lowercase such as `production`. */
export const isEnvironment = (value: unknown): value is string =>
  typeof value === 'string' && ENVIRONMENT_RE.test(value);

/** Epoch ms of an RFC 3339 timestamp string, or undefined. */
export const timestampMs = (value: unknown): number | undefined =>
  typeof value === 'string' ? parseTimestamp(value) : undefined;

/** Describes a value briefly for a message, never dumping large input. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A number rounded for people (at most 6 significant decimals), as text. */
export const show = (n: number): string => String(Number.parseFloat(n.toPrecision(12)));

import { errorMessage } from '../errors/describe-value.js';
import type { ContractIssue } from './issues.js';
import { formatPath } from './issues.js';

/** Bounds on a document before any schema sees it. */
export interface InputLimits {
  /** Approximate serialized size in bytes (default 1 MiB). */
  maxBytes: number;
  /** Nesting depth of objects and arrays (default 64). */
  maxDepth: number;
  /** Objects, arrays and primitive values in total (default 100,000). */
  maxNodes: number;
}

/** Default input bounds: 1 MiB, depth 64, 100,000 values. */
export const DEFAULT_LIMITS: InputLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxNodes: 100_000 };

// Keys that would reach an object's prototype if assigned naively.
const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Checks size, depth, cycles, forbidden keys and non-JSON values in one walk, and returns a plain
 * JSON copy whose objects cannot carry a prototype-polluting key. Stops at the first bound crossed.
 */
export function sanitize(
  input: unknown,
  limits: InputLimits = DEFAULT_LIMITS,
): { ok: true; value: unknown } | { ok: false; issues: ContractIssue[] } {
  let bytes = 0;
  let nodes = 0;
  const issues: ContractIssue[] = [];
  const stack = new Set<object>();
  const path: PropertyKey[] = [];

  const fail = (code: string, message: string) => {
    issues.push({ path: formatPath(path), code, message });
    return undefined;
  };

  const walk = (value: unknown, depth: number): unknown => {
    if (issues.length > 0) return undefined;
    nodes += 1;
    if (nodes > limits.maxNodes) return fail('too_large', `document has more than ${limits.maxNodes} values`);
    if (value === null || typeof value === 'boolean') {
      bytes += 5;
      return value;
    }
    if (typeof value === 'number') {
      bytes += 8;
      if (!Number.isFinite(value)) return fail('invalid_type', `expected a finite number, received ${value}`);
      return value;
    }
    if (typeof value === 'string') {
      bytes += value.length + 2;
      if (bytes > limits.maxBytes)
        return fail('too_large', `document is larger than ${limits.maxBytes} bytes`);
      return value;
    }
    if (typeof value !== 'object') {
      return fail('invalid_type', `expected a JSON value, received ${typeof value}`);
    }
    if (depth >= limits.maxDepth)
      return fail('too_deep', `document is nested deeper than ${limits.maxDepth} levels`);
    if (stack.has(value)) return fail('cycle', 'document contains a reference cycle');
    stack.add(value);
    try {
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          out.push(walk(value[i], depth + 1));
          path.pop();
          if (issues.length > 0) return undefined;
        }
        return out;
      }
      if (value instanceof Date) {
        // YAML and hand-built objects may carry Dates; the contract's wire form is an RFC 3339 string.
        return Number.isFinite(value.getTime()) ? value.toISOString() : fail('invalid_type', 'invalid Date');
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        return fail(
          'invalid_type',
          `expected a plain object, received ${proto?.constructor?.name ?? 'an object'}`,
        );
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        bytes += key.length + 4;
        // Checked before the key joins the path, so a huge key is not echoed back in the issue.
        if (bytes > limits.maxBytes)
          return fail('too_large', `document is larger than ${limits.maxBytes} bytes`);
        path.push(key);
        const raw = (value as Record<string, unknown>)[key];
        // Like JSON.stringify, an own property set to undefined is an absent field, not an error.
        if (raw === undefined) {
          path.pop();
          continue;
        }
        if (FORBIDDEN_KEYS.has(key)) {
          fail('forbidden_key', `key "${key}" is not allowed in a contract document`);
        } else {
          const child = walk(raw, depth + 1);
          Object.defineProperty(out, key, {
            value: child,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        path.pop();
        if (issues.length > 0) return undefined;
      }
      return out;
    } finally {
      stack.delete(value);
    }
  };

  let value: unknown;
  try {
    value = walk(input, 0);
  } catch (error) {
    // Getters and proxies can throw; the document is then unreadable, never a crash.
    return {
      ok: false,
      issues: [
        {
          path: formatPath(path),
          code: 'unreadable',
          message: `document could not be read: ${errorMessage(error)}`,
        },
      ],
    };
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

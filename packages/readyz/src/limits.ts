import { MAX_NAME_BYTES, rejectUnknownOptions } from '@rollgate/core';
import { readyzError } from './errors.js';
import type { ReadyzLimits } from './types.js';

/** Default request bounds; kubelet and load balancers send a few hundred bytes, so these leave room. */
export const DEFAULT_LIMITS: Readonly<ReadyzLimits> = Object.freeze({
  maxPathBytes: 2048,
  maxQueryBytes: 4096,
  maxQueryParams: 64,
  maxExclude: 32,
  // The engine's own name rule: every probe it registers is reachable at /readyz/<name>.
  maxNameBytes: MAX_NAME_BYTES,
  maxHeaderBytes: 16_384,
  maxHeaderCount: 128,
});

/** Every key of `options.limits`: the defaults name them all. */
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as readonly (keyof ReadyzLimits)[];

/** Merges host bounds over the defaults; each must be a positive integer, and no other key is accepted. */
export function resolveLimits(overrides: Partial<ReadyzLimits> | undefined): ReadyzLimits {
  if (
    overrides !== undefined &&
    (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
  )
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'limits must be an object');
  rejectUnknownOptions(overrides, LIMIT_KEYS, 'createReadyz limits');
  const limits: ReadyzLimits = { ...DEFAULT_LIMITS };
  for (const key of LIMIT_KEYS) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', `limits.${key} must be a positive integer`);
    }
    limits[key] = value;
  }
  return limits;
}

/** True when `text` is longer than `max` UTF-8 bytes, without measuring short strings. */
export function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return byteLength(text) > max;
}

// Node's (and Bun's) Buffer measures UTF-8 natively and fast; TextEncoder allocates a copy,
// which costs more than the rest of a cached answer. Elsewhere (workers) the length is counted.
const nativeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } })
  .Buffer;

/** UTF-8 byte length of `text`, as TextEncoder would encode it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function byteLength(text: string): number {
  return nativeBuffer === undefined ? countUtf8Bytes(text) : nativeBuffer.byteLength(text, 'utf8');
}

/** UTF-8 byte length of `text`, counted without a runtime's help. */
export function countUtf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair: 2 UTF-16 units, 4 bytes. A high surrogate alone is U+FFFD: 3 bytes.
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      bytes += 2;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

/** True when `text` holds a C0 control character or DEL. */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

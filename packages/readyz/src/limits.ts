import { ReadyzError } from './errors.js';
import type { ReadyzLimits } from './types.js';

/** Default request bounds; kubelet and load balancers send a few hundred bytes, so these leave room. */
export const DEFAULT_LIMITS: Readonly<ReadyzLimits> = Object.freeze({
  maxPathBytes: 2048,
  maxQueryBytes: 4096,
  maxQueryParams: 64,
  maxExclude: 32,
  maxNameBytes: 256,
  maxHeaderBytes: 16_384,
  maxHeaderCount: 128,
});

/** Merges host bounds over the defaults; each must be a positive integer. */
export function resolveLimits(overrides: Partial<ReadyzLimits> | undefined): ReadyzLimits {
  const limits: ReadyzLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadyzLimits)[]) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ReadyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', `limits.${key} must be a positive integer`);
    }
    limits[key] = value;
  }
  return limits;
}

const encoder = new TextEncoder();

/** True when `text` is longer than `max` UTF-8 bytes, without encoding short strings. */
export function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return encoder.encode(text).length > max;
}

/** UTF-8 byte length of `text`. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** True when `text` holds a C0 control character or DEL. */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

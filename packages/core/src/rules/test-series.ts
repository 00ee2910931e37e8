// Sample builders shared by the rules tests (not exported from the package).
import type { Sample } from './types.js';

/** A fixed evaluation instant: 2025-10-02T12:00:00Z. */
export const NOW = Date.UTC(2025, 9, 2, 12, 0, 0);

/** Milliseconds in a second and a minute, for readable offsets. */
export const S = 1000;
/** Milliseconds in a minute. */
export const M = 60_000;

/** Samples every `stepMs`, the last at `end` (default NOW), values from a list (oldest first). */
export function series(values: readonly (number | null)[], stepMs = 15 * S, end = NOW): Sample[] {
  return values.map((value, i) => ({ t: end - (values.length - 1 - i) * stepMs, value }));
}

/** `count` samples every `stepMs` ending at `end`, all with the same value. */
export function flat(value: number, count: number, stepMs = 15 * S, end = NOW): Sample[] {
  return series(
    Array.from({ length: count }, () => value),
    stepMs,
    end,
  );
}

/** Samples from a function of the age in ms (`now - t`), every `stepMs`, covering `spanMs` up to `end`. */
export function byAge(
  fn: (ageMs: number) => number | null,
  spanMs: number,
  stepMs = 15 * S,
  end = NOW,
): Sample[] {
  const out: Sample[] = [];
  for (let age = spanMs; age >= 0; age -= stepMs) out.push({ t: end - age, value: fn(age) });
  return out;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal(mean, sd) samples from a seeded generator (Box-Muller). */
export function normalSamples(
  count: number,
  mean: number,
  sd: number,
  seed: number,
  stepMs = 5 * S,
): Sample[] {
  const rnd = seeded(seed);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = 1 - rnd();
    const v = rnd();
    values.push(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return series(values, stepMs);
}

import { fixed } from './stats.mjs';

// "met" / "missed by X" lines for benchmark targets, the same wording in every section.

/**
 * A target for a value that must be at least `min` (throughput ratios): "label: 0.97× (target ≥ 0.95×): met" or
 * "… missed by 0.03×". A value that could not be measured reads "not measured".
 */
export function targetLine(label, value, min, unit = '', decimals = 2) {
  if (!Number.isFinite(value)) return `${label}: not measured (target ≥ ${min}${unit})`;
  const verdict = value >= min ? 'met' : `missed by ${fixed(min - value, decimals)}${unit}`;
  return `${label}: ${fixed(value, decimals)}${unit} (target ≥ ${min}${unit}): **${verdict}**`;
}

/** A target for a value that must be at most `max` (latencies, call counts). */
export function ceilingLine(label, value, max, unit = '', decimals = 1) {
  if (!Number.isFinite(value)) return `${label}: not measured (target ≤ ${max}${unit})`;
  const verdict = value <= max ? 'met' : `missed by ${fixed(value - max, decimals)}${unit}`;
  return `${label}: ${fixed(value, decimals)}${unit} (target ≤ ${max}${unit}): **${verdict}**`;
}

// Order statistics for benchmark samples. Nearest-rank percentiles: every reported figure is a value
// that was actually measured, never an interpolation between two samples.

/** Returns the p-th percentile (0..100) of `values` by nearest rank; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Returns the median of `values` (mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Formats a number with a fixed count of decimals, or an en dash when it is not finite. */
export function fixed(value, decimals = 1) {
  return Number.isFinite(value) ? value.toFixed(decimals) : '–';
}

/** Formats an integer with thousands separators (12,345). */
export function thousands(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

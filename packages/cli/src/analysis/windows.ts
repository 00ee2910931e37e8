// How much history each rule needs from Prometheus: the longest duration the rule names (window, for, a
// burn-rate pair's long window), else the contract's default window. The evaluator picks its own evidence
// window inside that range; asking for the longest one is what makes every kind's window covered.
import { ROLLBACK_RULE_DEFAULTS, type RollbackRule } from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';
import { SLO_30D_BURN_WINDOWS } from '@rollgate/core/rules';

/** The range, in ms, a rule reads its metric over (ending at `now`). */
export function ruleRangeMs(rule: RollbackRule): number {
  const durations: string[] = [];
  if (rule.kind === 'burn_rate') {
    for (const pair of rule.windows ?? SLO_30D_BURN_WINDOWS) durations.push(pair.long, pair.short);
  } else {
    if (rule.window !== undefined) durations.push(rule.window);
    if ((rule.kind === 'threshold' || rule.kind === 'baseline_ratio') && rule.for !== undefined)
      durations.push(rule.for);
  }
  let longest = 0;
  for (const d of durations) longest = Math.max(longest, parseDuration(d) ?? 0);
  return longest > 0 ? longest : (parseDuration(ROLLBACK_RULE_DEFAULTS.window) ?? 300_000);
}

/** Prometheus refuses a range query of more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
/** The step when none is given, ms. */
export const DEFAULT_STEP_MS = 15_000;
// A window shorter than this many default steps gets a finer step, so a 10s `for` still sees 10 samples.
const MIN_POINTS_PER_WINDOW = 10;

/**
 * The step of a query over `rangeMs`: the given step, else 15 s (finer for short windows, at least 1 s), and
 * never so fine that the query passes Prometheus' 11,000-point limit.
 */
export function stepFor(rangeMs: number, stepMs?: number): number {
  let step = stepMs ?? Math.min(DEFAULT_STEP_MS, Math.max(1000, Math.floor(rangeMs / MIN_POINTS_PER_WINDOW)));
  // +1 step of history before the window (see plan.ts) and +1 for the inclusive end.
  const points = (rangeMs + step) / step + 1;
  if (points > MAX_POINTS_PER_SERIES) step = Math.ceil(rangeMs / (MAX_POINTS_PER_SERIES - 2) / 1000) * 1000;
  return step;
}

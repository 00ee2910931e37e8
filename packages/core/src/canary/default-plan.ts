import type { CanaryPlan } from '@rollgate/contract';

/** The default canary plan: 10 % → 25 % → 50 % → 100 %, each held 5 minutes of clean decisions. */
export const DEFAULT_CANARY_PLAN: Readonly<CanaryPlan> = Object.freeze({
  steps: Object.freeze([
    Object.freeze({ weight: 10, hold: '5m' }),
    Object.freeze({ weight: 25, hold: '5m' }),
    Object.freeze({ weight: 50, hold: '5m' }),
    Object.freeze({ weight: 100, hold: '5m' }),
  ]) as CanaryPlan['steps'],
});

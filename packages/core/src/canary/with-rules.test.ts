import { parseContract, type RollbackRules } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../rules/index.js';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { startCanary } from './start.js';
import type { CanaryContext } from './types.js';

const T0 = Date.UTC(2025, 9, 2, 12);
const context: CanaryContext = {
  service: 'orders-api',
  environment: 'production',
  version: '1.4.0',
  correlationId: 'c-9',
};
const rules: RollbackRules = {
  rules: [
    {
      id: 'error-rate',
      kind: 'threshold',
      metric: 'http.server.errors.rate',
      op: '>',
      value: 0.02,
      for: '2m',
      action: 'rollback',
    },
  ],
};
const samples = (value: number, from: number, to: number) => {
  const out = [];
  for (let t = from; t <= to; t += 30_000) out.push({ t, value });
  return out;
};

describe('canary driven by evaluateRollback decisions', () => {
  const monitoring = confirmDeployment(
    DEFAULT_CANARY_PLAN,
    startCanary(DEFAULT_CANARY_PLAN, T0, context).state,
    { healthOk: true },
    T0,
    context,
  ).state;

  it('a sustained error-rate breach rolls the canary back and reports the rule measurement', () => {
    const now = T0 + 4 * 60_000;
    const decision = evaluateRollback({
      rules,
      series: { 'http.server.errors.rate': samples(0.05, T0, now) },
      now,
    });
    expect(decision.action).toBe('rollback');
    const { state, events } = advanceCanary(DEFAULT_CANARY_PLAN, monitoring, decision, now, context);
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
    const requested = events.find((e) => e.type === 'rollback.requested');
    expect(requested).toMatchObject({ observed: { metric: 'http.server.errors.rate', value: 0.05 } });
    for (const event of events) expect(parseContract('telemetry-event', event).ok).toBe(true);
  });

  it('a clean window promotes, and the step advances once its hold has elapsed', () => {
    const early = T0 + 4 * 60_000;
    const before = evaluateRollback({
      rules,
      series: { 'http.server.errors.rate': samples(0.001, T0, early) },
      now: early,
    });
    expect(before.action).toBe('promote');
    expect(advanceCanary(DEFAULT_CANARY_PLAN, monitoring, before, early, context).state.stepIndex).toBe(0);
    const now = T0 + 5 * 60_000;
    const decision = evaluateRollback({
      rules,
      series: { 'http.server.errors.rate': samples(0.001, T0, now) },
      now,
    });
    expect(decision.action).toBe('promote');
    expect(advanceCanary(DEFAULT_CANARY_PLAN, monitoring, decision, now, context).state).toMatchObject({
      stepIndex: 1,
      weight: 25,
    });
  });

  it('no data never promotes the canary', () => {
    const now = T0 + 10 * 60_000;
    const decision = evaluateRollback({ rules, series: {}, now });
    const { state } = advanceCanary(DEFAULT_CANARY_PLAN, monitoring, decision, now, context);
    expect(state.stepIndex).toBe(0);
    expect(decision.action).not.toBe('promote');
  });
});

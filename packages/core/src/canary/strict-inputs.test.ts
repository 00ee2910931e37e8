import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../rules/evaluate.js';
import { advanceCanary } from './advance.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { type ReplayOptions, replayCanary } from './replay.js';
import { startCanary } from './start.js';
import type { CanaryContext, CanaryDecisionInput } from './types.js';

const T0 = Date.parse('2025-10-02T12:00:00Z');
const context: CanaryContext = {
  service: 'orders-api',
  environment: 'staging',
  version: '2.0.0',
  correlationId: 'c-1',
};

describe('unknown keys of the canary inputs are reported, never skipped', () => {
  it('a misspelt decision key is an issue naming it and the key it meant', () => {
    const { state } = startCanary(DEFAULT_CANARY_PLAN, T0);
    const decision = { action: 'continue', reaons: [] } as unknown as CanaryDecisionInput;
    expect(advanceCanary(DEFAULT_CANARY_PLAN, state, decision, T0 + 1000).issues).toEqual([
      {
        code: 'unrecognized_key',
        path: 'decision.reaons',
        message: 'decision: unknown field "reaons"; did you mean "reasons"?',
      },
    ]);
  });

  it("evaluateRollback's whole result is still a decision without issues", () => {
    const { state } = startCanary(DEFAULT_CANARY_PLAN, T0);
    const decision = evaluateRollback({ rules: [], series: {}, now: T0 + 1000 });
    const step = advanceCanary(DEFAULT_CANARY_PLAN, state, decision, T0 + 1000);
    expect(step.issues.filter((issue) => issue.code === 'unrecognized_key')).toEqual([]);
  });

  it('a misspelt context key leaves the context unsound, so no event is built without it', () => {
    const misspelt = { ...context, tasId: 't-1' } as unknown as CanaryContext;
    const start = startCanary(DEFAULT_CANARY_PLAN, T0, misspelt);
    expect(start.events).toEqual([]);
    expect(start.issues).toContainEqual({
      code: 'invalid_context',
      path: 'context.tasId',
      message: 'context: unknown field "tasId"; did you mean "taskId"?',
    });
  });

  it('replayCanary reports a misspelt option and a startedAt of the wrong type by name', () => {
    const log = [{ now: T0, health: { healthOk: true } }];
    const misspelt = replayCanary(DEFAULT_CANARY_PLAN, log, {
      staredAt: T0,
      context,
    } as unknown as ReplayOptions);
    expect(misspelt.issues).toContainEqual({
      code: 'unrecognized_key',
      path: 'options.staredAt',
      message: 'replayCanary options: unknown field "staredAt"; did you mean "startedAt"?',
    });
    const wrong = replayCanary(DEFAULT_CANARY_PLAN, log, { startedAt: true } as unknown as ReplayOptions);
    expect(wrong.issues.map((issue) => issue.path)).toContain('options.startedAt');
  });
});

import { parseContract, type TelemetryEvent } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import type { RollbackDecision } from '../rules/types.js';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { DEFAULT_ROLLBACK_METRIC } from './rollback-reason.js';
import { startCanary } from './start.js';
import type { CanaryContext, CanaryDecisionInput, CanaryState } from './types.js';

const T0 = Date.UTC(2025, 9, 2, 12, 0, 0);
const MIN = 60_000;
const plan = DEFAULT_CANARY_PLAN;
const context: CanaryContext = {
  service: 'orders-api',
  environment: 'production',
  version: '1.4.0',
  correlationId: 'rel-2025-10-02',
  taskId: 'task-42',
  offset: '+08:00',
};

function expectValid(events: readonly TelemetryEvent[]) {
  for (const event of events) {
    const open = parseContract('telemetry-event', event);
    expect(open.ok ? [] : open.issues).toEqual([]);
    const strict = parseContract('telemetry-event', event, { profile: 'observability' });
    expect(strict.ok ? [] : strict.issues).toEqual([]);
  }
}

function monitoring(): CanaryState {
  return confirmDeployment(plan, startCanary(plan, T0, context).state, { healthOk: true }, T0, context).state;
}

describe('telemetry events of canary transitions', () => {
  it('start emits canary.started for step 0 with the common fields in +08:00', () => {
    const { events } = startCanary(plan, T0, context);
    expect(events).toEqual([
      {
        type: 'canary.started',
        correlation_id: 'rel-2025-10-02',
        task_id: 'task-42',
        phase_index: 0,
        environment: 'production',
        version: '1.4.0',
        timestamp: '2025-10-02T20:00:00.000+08:00',
        service: 'orders-api',
        weight: 10,
      },
    ]);
    expectValid(events);
  });

  it('advancing emits canary.completed (advanced) for the old step and canary.started for the new one', () => {
    const { events } = advanceCanary(plan, monitoring(), { action: 'promote' }, T0 + 5 * MIN, context);
    expect(
      events.map((e) => [
        e.type,
        e.phase_index,
        'weight' in e ? e.weight : null,
        'outcome' in e ? e.outcome : null,
      ]),
    ).toEqual([
      ['canary.completed', 0, 10, 'advanced'],
      ['canary.started', 1, 25, null],
    ]);
    expectValid(events);
  });

  it('the last promote emits canary.completed (promoted)', () => {
    const p = {
      steps: [
        { weight: 50, hold: '1m' },
        { weight: 100, hold: '1m' },
      ],
    };
    let s = confirmDeployment(p, startCanary(p, T0, context).state, { healthOk: true }, T0, context).state;
    s = advanceCanary(p, s, { action: 'promote' }, T0 + MIN, context).state;
    const { events } = advanceCanary(p, s, { action: 'promote' }, T0 + 2 * MIN, context);
    expect(events).toMatchObject([
      { type: 'canary.completed', outcome: 'promoted', weight: 100, phase_index: 1 },
    ]);
    expectValid(events);
  });

  it('a rollback emits canary.completed (rolled_back) and rollback.requested with the deciding measurement', () => {
    const decision: CanaryDecisionInput = {
      action: 'rollback',
      reasons: [
        { rule: 'p95', metric: 'http.server.duration.p95', observed: 0.2, window: '5m', verdict: 'continue' },
        { rule: 'dry', metric: 'dry.metric', observed: 9, window: '1m', verdict: 'rollback', dryRun: true },
        {
          rule: 'error-rate',
          metric: 'http.server.errors.rate',
          observed: 0.05,
          window: '2m',
          verdict: 'rollback',
          message: 'error rate 5% > 2% for 2m',
        },
      ],
    };
    const { events } = advanceCanary(plan, monitoring(), decision, T0 + 3 * MIN, context);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'canary.completed',
      outcome: 'rolled_back',
      weight: 10,
      phase_index: 0,
    });
    expect(events[1]).toMatchObject({
      type: 'rollback.requested',
      service: 'orders-api',
      env: 'production',
      environment: 'production',
      topic: 'observability/deploy/rollback',
      phase_index: 0,
      observed: { metric: 'http.server.errors.rate', value: 0.05, window: '2m' },
    });
    expect(events[1]).toHaveProperty('reason', expect.stringContaining('error rate 5% > 2% for 2m'));
    expectValid(events);
  });

  it('decidedBy picks the deciding reason first', () => {
    const decision: CanaryDecisionInput = {
      action: 'block',
      decidedBy: ['contract-tests'],
      reasons: [
        {
          rule: 'error-rate',
          metric: 'http.server.errors.rate',
          observed: 0.05,
          window: '2m',
          verdict: 'rollback',
        },
        {
          rule: 'contract-tests',
          metric: 'contract_test.failures',
          observed: 3,
          window: '5m',
          verdict: 'block',
        },
      ],
    };
    const { events } = advanceCanary(plan, monitoring(), decision, T0 + MIN, context);
    expect(events[1]).toMatchObject({
      observed: { metric: 'contract_test.failures', value: 3, window: '5m' },
    });
  });

  it('decidedBy order wins, and details stand in for a missing observed value', () => {
    const decision: CanaryDecisionInput = {
      action: 'rollback',
      decidedBy: ['p95-ratio', 'error-rate'],
      reasons: [
        {
          rule: 'error-rate',
          metric: 'http.server.errors.rate',
          observed: 0.05,
          window: '2m',
          verdict: 'rollback',
        },
        {
          rule: 'p95-ratio',
          metric: 'http.server.duration.p95',
          observed: null,
          details: { canary: 0.41 },
          window: '5m',
          verdict: 'rollback',
        },
      ],
    };
    const { events } = advanceCanary(plan, monitoring(), decision, T0 + MIN, context);
    expect(events[1]).toMatchObject({
      observed: { metric: 'http.server.duration.p95', value: 0.41, window: '5m' },
    });
  });

  it('falls back to a clear default when the decision carries no measurement', () => {
    const { events } = advanceCanary(plan, monitoring(), { action: 'rollback' }, T0 + 90_000, context);
    expect(events[1]).toMatchObject({
      type: 'rollback.requested',
      observed: { metric: DEFAULT_ROLLBACK_METRIC, value: 1, window: '1m30s' },
      reason: expect.stringContaining('no measurement was attached'),
    });
    expectValid(events);
  });

  it('a measurement without a usable window reports the time spent on the step', () => {
    const decision = {
      action: 'rollback' as const,
      reasons: [{ metric: 'errors', observed: 7, window: null }],
    };
    const { events } = advanceCanary(plan, monitoring(), decision, T0 + 2 * MIN, context);
    expect(events[1]).toMatchObject({ observed: { metric: 'errors', value: 7, window: '2m' } });
  });

  it('a rollback signal from the health gate reports its measurement', () => {
    const deployed = startCanary(plan, T0, context).state;
    const signal = {
      name: 'healthcheck_failure_breach',
      metric: 'health.failures',
      observed: 3,
      window: '30s',
    };
    const { events } = confirmDeployment(
      plan,
      deployed,
      { healthOk: false, rollbackSignal: signal },
      T0 + 30_000,
      context,
    );
    expect(events[1]).toMatchObject({
      type: 'rollback.requested',
      reason: expect.stringContaining('healthcheck_failure_breach'),
      observed: { metric: 'health.failures', value: 3, window: '30s' },
    });
    expectValid(events);
  });

  it('pauses, continues and the health gate opening emit nothing', () => {
    const s = monitoring();
    expect(advanceCanary(plan, s, { action: 'continue' }, T0 + MIN, context).events).toEqual([]);
    expect(advanceCanary(plan, s, { action: 'hold' }, T0 + MIN, context).events).toEqual([]);
    const deployed = startCanary(plan, T0, context).state;
    expect(confirmDeployment(plan, deployed, { healthOk: true }, T0, context).events).toEqual([]);
  });

  it('without a context the transition happens and no events are built', () => {
    const s = confirmDeployment(plan, startCanary(plan, T0).state, { healthOk: true }, T0).state;
    const { state, events } = advanceCanary(plan, s, { action: 'rollback' }, T0 + MIN);
    expect(state.phase).toBe('ROLLBACK');
    expect(events).toEqual([]);
  });

  it('an invalid context is reported and builds no events', () => {
    const bad = { ...context, environment: 'Production' };
    const { state, events, issues } = startCanary(plan, T0, bad);
    expect(state.phase).toBe('DEPLOYMENT');
    expect(events).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'invalid_context', path: 'context.environment' }),
    ]);
  });

  it("the rules evaluator's RollbackDecision is accepted as a decision", () => {
    const decision = {
      action: 'rollback',
      decidedBy: ['error-rate'],
      reasons: [
        {
          rule: 'error-rate',
          kind: 'threshold',
          metric: 'http.server.errors.rate',
          status: 'breach',
          verdict: 'rollback',
          observed: 0.04,
          op: '>',
          threshold: 0.02,
          window: '2m',
          samples: 5,
          coverage: 1,
          since: T0,
          margin: { value: -0.02, remainingMs: null },
          dryRun: false,
          message: 'http.server.errors.rate 0.04 > 0.02 for 2m',
          details: {},
        },
      ],
    } as unknown as RollbackDecision;
    const input: CanaryDecisionInput = decision;
    const { events } = advanceCanary(plan, monitoring(), input, T0 + 2 * MIN, context);
    expect(events[1]).toMatchObject({
      observed: { metric: 'http.server.errors.rate', value: 0.04, window: '2m' },
    });
  });
});

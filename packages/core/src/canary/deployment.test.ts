import {
  CANARY_DEPLOYMENT_DEFAULTS,
  type CanaryPlan,
  parseContract,
  type TelemetryEvent,
} from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { HEALTH_FAILURES_METRIC, PROGRESS_DEADLINE_METRIC } from './rollback-reason.js';
import { startCanary } from './start.js';
import type { CanaryContext, CanaryState, DeploymentHealth } from './types.js';

// Seed 000: heartbeat_endpoints_pass → pass: DEPLOYMENT→MONITORING; fail: DEPLOYMENT→ROLLBACK.
const T0 = Date.UTC(2025, 9, 2, 12);
const SEC = 1000;
const MIN = 60 * SEC;
const plan = DEFAULT_CANARY_PLAN;
const context: CanaryContext = {
  service: 'orders-api',
  environment: 'production',
  version: '1.4.0',
  correlationId: 'rel-1',
  offset: '+08:00',
};
const FAIL: DeploymentHealth = { healthOk: false };
const PASS: DeploymentHealth = { healthOk: true };

/** Folds health observations `[at, health]` through confirmDeployment from a fresh start at T0. */
function observe(p: unknown, observations: readonly [number, DeploymentHealth][], ctx?: CanaryContext) {
  let state: CanaryState = startCanary(p, T0, ctx).state;
  const events: TelemetryEvent[] = [];
  const states: CanaryState[] = [];
  for (const [at, health] of observations) {
    const step = confirmDeployment(p, state, health, at, ctx);
    expect(step.issues).toEqual([]);
    state = step.state;
    states.push(state);
    events.push(...step.events);
  }
  return { state, states, events };
}

function expectValid(events: readonly TelemetryEvent[]) {
  for (const event of events) {
    const strict = parseContract('telemetry-event', event, { profile: 'observability' });
    expect(strict.ok ? [] : strict.issues).toEqual([]);
  }
}

describe('confirmDeployment: failing health checks roll a DEPLOYMENT canary back', () => {
  it('the plan defaults are the heartbeat’s: 3 consecutive failures past a 30s grace, a 10m deadline', () => {
    expect(CANARY_DEPLOYMENT_DEFAULTS).toEqual({
      progressDeadline: '10m',
      failureThreshold: 3,
      grace: '30s',
    });
  });

  it('rolls back on the third consecutive failure past the grace, with the events of a rule breach', () => {
    const { state, states, events } = observe(
      plan,
      [
        [T0 + 30 * SEC, FAIL],
        [T0 + 40 * SEC, FAIL],
        [T0 + 50 * SEC, FAIL],
      ],
      context,
    );
    expect(states.map((s) => [s.phase, s.healthFailures])).toEqual([
      ['DEPLOYMENT', 1],
      ['DEPLOYMENT', 2],
      ['ROLLBACK', 3],
    ]);
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0, stepIndex: 0, transitions: 1 });
    expect(state.reason).toBe(
      'health checks failed 3 consecutive times at step 0 (10%), past the 30s grace (50s in DEPLOYMENT)',
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'canary.completed',
        outcome: 'rolled_back',
        weight: 10,
        phase_index: 0,
      }),
      expect.objectContaining({
        type: 'rollback.requested',
        env: 'production',
        environment: 'production',
        reason: state.reason,
        observed: { metric: HEALTH_FAILURES_METRIC, value: 3, window: '50s' },
      }),
    ]);
    expectValid(events);
  });

  it('failures inside the grace do not count', () => {
    const inGrace: [number, DeploymentHealth][] = [10, 20, 29.999].map((s) => [T0 + s * SEC, FAIL]);
    const { state } = observe(plan, inGrace);
    expect(state).toMatchObject({ phase: 'DEPLOYMENT', healthFailures: 0 });
    expect(state.reason).toContain('within the 30s grace');
    const after = confirmDeployment(plan, state, FAIL, T0 + 30 * SEC).state;
    expect(after).toMatchObject({ phase: 'DEPLOYMENT', healthFailures: 1 });
    expect(after.reason).toContain('1 of 3 consecutive failures');
  });

  it('a passing observation resets the count and opens the gate', () => {
    const { state } = observe(plan, [
      [T0 + MIN, FAIL],
      [T0 + 2 * MIN, FAIL],
      [T0 + 3 * MIN, PASS],
    ]);
    expect(state).toMatchObject({ phase: 'MONITORING', healthFailures: 0, holdStartedAt: T0 + 3 * MIN });
  });

  it('an unreadable observation neither counts nor resets the count', () => {
    const { state } = observe(plan, [
      [T0 + MIN, FAIL],
      [T0 + 2 * MIN, FAIL],
    ]);
    const damaged = { healthOk: 'no' } as unknown as DeploymentHealth;
    const step = confirmDeployment(plan, state, damaged, T0 + 3 * MIN);
    expect(step.issues).toEqual([
      { code: 'invalid_health', path: 'health.healthOk', message: expect.stringContaining('ignored') },
    ]);
    expect(step.state).toMatchObject({ phase: 'DEPLOYMENT', healthFailures: 2 });
  });

  it('the plan sets its own threshold and grace', () => {
    const p: CanaryPlan = { steps: [{ weight: 5 }], deployment: { failureThreshold: 1, grace: '0s' } };
    expect(observe(p, [[T0, FAIL]]).state).toMatchObject({ phase: 'ROLLBACK', healthFailures: 1 });
  });
});

describe('confirmDeployment and advanceCanary: the progress deadline', () => {
  const patient: CanaryPlan = {
    steps: [{ weight: 10 }, { weight: 100 }],
    deployment: { failureThreshold: 1000 },
  };

  it('a canary may wait in DEPLOYMENT up to its deadline (default 10m), not a millisecond longer', () => {
    const at10m = observe(patient, [[T0 + 10 * MIN, FAIL]]).state;
    expect(at10m.phase).toBe('DEPLOYMENT');
    const { state, events } = observe(patient, [[T0 + 10 * MIN + 1, FAIL]], context);
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
    expect(state.reason).toBe(
      'progress deadline of 10m passed at step 0 (10%): not every health check passed within it (10m1ms in DEPLOYMENT)',
    );
    expect(events[1]).toMatchObject({
      type: 'rollback.requested',
      reason: state.reason,
      observed: { metric: PROGRESS_DEADLINE_METRIC, value: 1, window: '10m1ms' },
    });
    expectValid(events);
  });

  it('health that passes only after the deadline is too late', () => {
    const { state } = observe(patient, [[T0 + 11 * MIN, PASS]]);
    expect(state.phase).toBe('ROLLBACK');
    expect(state.reason).toContain('progress deadline of 10m passed');
  });

  it('a decision after the deadline rolls the waiting canary back too', () => {
    const deployed = startCanary(patient, T0).state;
    for (const action of ['promote', 'continue', 'hold', 'inconclusive'] as const) {
      const { state } = advanceCanary(patient, deployed, { action }, T0 + 11 * MIN);
      expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
      expect(state.reason).toContain('progress deadline');
    }
  });

  it('an explicit rollback signal is reported as itself, not as the deadline', () => {
    const deployed = startCanary(patient, T0).state;
    const signal = { healthOk: false, rollbackSignal: { name: 'healthcheck_failure_breach' } };
    expect(confirmDeployment(patient, deployed, signal, T0 + 11 * MIN).state.reason).toContain(
      'healthcheck_failure_breach',
    );
  });

  it('the plan sets its own deadline; a confirmed canary is not bound by it', () => {
    const p: CanaryPlan = {
      steps: [{ weight: 10, hold: '1h' }, { weight: 100 }],
      deployment: { progressDeadline: '2m' },
    };
    expect(observe(p, [[T0 + 2 * MIN + 1, PASS]]).state.phase).toBe('ROLLBACK');
    const confirmed = observe(p, [[T0 + MIN, PASS]]).state;
    expect(advanceCanary(p, confirmed, { action: 'continue' }, T0 + 30 * MIN).state.phase).toBe('MONITORING');
  });
});

describe('the plan is the contract’s CanaryPlan document', () => {
  it('a raw plan and its parsed form give the same results', () => {
    const raw: unknown = JSON.parse(
      '{"schema_version":"1.0.0","name":"x","steps":[{"weight":10,"hold":"1m"},{"weight":100}],"deployment":{"grace":"10s"}}',
    );
    const parsed = parseContract('canary-plan', raw);
    expect(parsed.ok).toBe(true);
    const a = startCanary(raw, T0, context);
    const b = startCanary(parsed.ok ? parsed.value : undefined, T0, context);
    expect(b).toEqual(a);
    expect(confirmDeployment(parsed.ok ? parsed.value : undefined, b.state, FAIL, T0 + 10 * SEC)).toEqual(
      confirmDeployment(raw, a.state, FAIL, T0 + 10 * SEC),
    );
  });

  it('a misspelt plan field is refused, not ignored', () => {
    const { state, issues } = startCanary({ steps: [{ weight: 10 }], deployment: { deadline: '5m' } }, T0);
    expect(state.phase).toBe('ROLLBACK');
    expect(issues).toEqual([
      {
        code: 'unrecognized_key',
        path: 'plan.deployment.deadline',
        message: expect.stringContaining('deadline'),
      },
    ]);
  });

  it('a plan the contract refuses gives the same issues, placed under plan', () => {
    const bad = { steps: [{ weight: 12.5, hold: '5 min' }], deployment: { failureThreshold: 0 } };
    const contract = parseContract('canary-plan', bad);
    expect(contract.ok).toBe(false);
    const expected = contract.ok ? [] : contract.issues.map((i) => ({ ...i, path: `plan.${i.path}` }));
    expect(startCanary(bad, T0).issues).toEqual(expected);
  });
});

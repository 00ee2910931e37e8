import type { CanaryPlan } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { startCanary } from './start.js';
import type { CanaryAction, CanaryState } from './types.js';

const T0 = Date.UTC(2025, 9, 2, 12, 0, 0);
const MIN = 60_000;
const plan = DEFAULT_CANARY_PLAN;

/** A canary that passed its health gate at T0 and is monitoring step 0. */
function monitoring(p: CanaryPlan = plan): CanaryState {
  const started = startCanary(p, T0).state;
  return confirmDeployment(p, started, { healthOk: true }, T0).state;
}

const act = (state: CanaryState, action: CanaryAction, at: number, p: CanaryPlan = plan) =>
  advanceCanary(p, state, { action }, at);

describe('startCanary', () => {
  it('deploys step 0 and waits for the health gate', () => {
    const { state, issues } = startCanary(plan, T0);
    expect(issues).toEqual([]);
    expect(state).toMatchObject({
      phase: 'DEPLOYMENT',
      stepIndex: 0,
      weight: 10,
      stepStartedAt: T0,
      holdStartedAt: null,
      pausedAt: null,
      startedAt: T0,
      transitions: 0,
    });
  });

  it('accepts epoch ms, a Date and an RFC 3339 timestamp for the same instant', () => {
    const a = startCanary(plan, T0).state;
    expect(startCanary(plan, new Date(T0)).state).toEqual(a);
    expect(startCanary(plan, '2025-10-02T20:00:00+08:00').state).toEqual(a);
  });

  it('keeps the state plain JSON', () => {
    const { state } = startCanary(plan, T0);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('health gate (orchestrator transitions)', () => {
  it('DEPLOYMENT→MONITORING when every health check passes and no rollback signal is active', () => {
    const deployed = startCanary(plan, T0).state;
    const { state } = confirmDeployment(
      plan,
      deployed,
      { healthOk: true, rollbackSignal: false },
      T0 + 30_000,
    );
    expect(state).toMatchObject({
      phase: 'MONITORING',
      holdStartedAt: T0 + 30_000,
      stepIndex: 0,
      weight: 10,
      transitions: 1,
    });
  });

  it('stays in DEPLOYMENT while a health check does not pass yet', () => {
    const deployed = startCanary(plan, T0).state;
    const { state, events } = confirmDeployment(plan, deployed, { healthOk: false }, T0 + 10_000);
    expect(state.phase).toBe('DEPLOYMENT');
    expect(state.transitions).toBe(0);
    expect(events).toEqual([]);
  });

  it('DEPLOYMENT→ROLLBACK on any rollback signal, even when health passes', () => {
    const deployed = startCanary(plan, T0).state;
    const { state } = confirmDeployment(
      plan,
      deployed,
      { healthOk: true, rollbackSignal: true },
      T0 + 10_000,
    );
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0, stepIndex: 0 });
  });

  it('a rollback signal during monitoring or a pause rolls back too', () => {
    const paused = act(monitoring(), 'hold', T0 + MIN).state;
    for (const s of [monitoring(), paused]) {
      const { state } = confirmDeployment(
        plan,
        s,
        { healthOk: false, rollbackSignal: { name: 'healthcheck_failure_breach' } },
        T0 + 2 * MIN,
      );
      expect(state.phase).toBe('ROLLBACK');
      expect(state.reason).toContain('healthcheck_failure_breach');
    }
  });

  it('health alone never advances a monitoring canary', () => {
    const s = monitoring();
    const { state } = confirmDeployment(plan, s, { healthOk: true }, T0 + 60 * MIN);
    expect(state).toMatchObject({ phase: 'MONITORING', stepIndex: 0, holdStartedAt: T0 });
  });

  it('decisions other than rollback/block do nothing before the health gate opens', () => {
    const deployed = startCanary(plan, T0).state;
    for (const action of ['promote', 'continue', 'hold', 'inconclusive'] as const) {
      const { state, events } = act(deployed, action, T0 + 10 * MIN);
      expect(state).toMatchObject({ phase: 'DEPLOYMENT', stepIndex: 0, weight: 10, lastAction: action });
      expect(events).toEqual([]);
    }
    for (const action of ['rollback', 'block'] as const) {
      expect(act(deployed, action, T0 + MIN).state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
    }
  });
});

describe('advanceCanary: hold boundary (advance when held >= hold)', () => {
  it.each([
    { heldMs: 5 * MIN - 1, advances: false },
    { heldMs: 5 * MIN, advances: true },
    { heldMs: 5 * MIN + 1, advances: true },
  ])('promote after $heldMs ms of a 5m hold advances: $advances', ({ heldMs, advances }) => {
    const { state } = act(monitoring(), 'promote', T0 + heldMs);
    expect(state.stepIndex).toBe(advances ? 1 : 0);
    expect(state.weight).toBe(advances ? 25 : 10);
    expect(state.phase).toBe('MONITORING');
  });

  it('a step without a hold advances on the first promote', () => {
    const p = { steps: [{ weight: 20 }, { weight: 100 }] };
    expect(act(monitoring(p), 'promote', T0, p).state).toMatchObject({
      stepIndex: 1,
      weight: 100,
      holdStartedAt: T0,
    });
  });

  it('never skips a step, however late the promote comes', () => {
    const { state } = act(monitoring(), 'promote', T0 + 24 * 60 * MIN);
    expect(state).toMatchObject({ stepIndex: 1, weight: 25, stepStartedAt: T0 + 24 * 60 * MIN });
  });

  it('the hold of the next step counts from its own start', () => {
    const s1 = act(monitoring(), 'promote', T0 + 5 * MIN).state;
    expect(act(s1, 'promote', T0 + 9 * MIN).state.stepIndex).toBe(1);
    expect(act(s1, 'promote', T0 + 10 * MIN).state.stepIndex).toBe(2);
  });

  it('continue stays on the step and keeps the hold clock', () => {
    const { state, events } = act(monitoring(), 'continue', T0 + 4 * MIN);
    expect(state).toMatchObject({ phase: 'MONITORING', stepIndex: 0, holdStartedAt: T0, transitions: 1 });
    expect(events).toEqual([]);
    expect(act(state, 'promote', T0 + 5 * MIN).state.stepIndex).toBe(1);
  });

  it('walks the default plan 10 → 25 → 50 → 100 to PROMOTED', () => {
    let s = monitoring();
    const weights: number[] = [s.weight];
    for (let i = 1; i <= 4; i++) {
      s = act(s, 'promote', T0 + i * 5 * MIN).state;
      weights.push(s.weight);
    }
    expect(weights).toEqual([10, 25, 50, 100, 100]);
    expect(s).toMatchObject({ phase: 'PROMOTED', stepIndex: 3, weight: 100, transitions: 5 });
  });
});

describe('advanceCanary: pauses', () => {
  it.each(['hold', 'inconclusive'] as const)('%s pauses the canary at its weight', (action) => {
    const { state } = act(monitoring(), action, T0 + 2 * MIN);
    expect(state).toMatchObject({
      phase: 'PAUSED',
      weight: 10,
      pausedAt: T0 + 2 * MIN,
      holdStartedAt: null,
      lastAction: action,
    });
  });

  it('a promote while paused resumes without advancing, and the hold restarts', () => {
    const paused = act(monitoring(), 'hold', T0 + 4 * MIN).state;
    const resumed = act(paused, 'promote', T0 + 6 * MIN).state;
    expect(resumed).toMatchObject({
      phase: 'MONITORING',
      stepIndex: 0,
      holdStartedAt: T0 + 6 * MIN,
      pausedAt: null,
    });
    // 5 minutes since the canary started, but only 4 since it resumed: not yet.
    expect(act(resumed, 'promote', T0 + 10 * MIN).state.stepIndex).toBe(0);
    expect(act(resumed, 'promote', T0 + 11 * MIN).state.stepIndex).toBe(1);
  });

  it('continue while paused resumes too', () => {
    const paused = act(monitoring(), 'inconclusive', T0 + MIN).state;
    expect(act(paused, 'continue', T0 + 2 * MIN).state).toMatchObject({
      phase: 'MONITORING',
      holdStartedAt: T0 + 2 * MIN,
    });
  });

  it('further hold/inconclusive keep the first pause time', () => {
    const paused = act(monitoring(), 'hold', T0 + MIN).state;
    const still = act(paused, 'inconclusive', T0 + 3 * MIN).state;
    expect(still).toMatchObject({ phase: 'PAUSED', pausedAt: T0 + MIN, transitions: paused.transitions });
  });
});

describe('advanceCanary: rollback and terminal phases', () => {
  it.each(['rollback', 'block'] as const)(
    '%s rolls back at once from monitoring and from a pause',
    (action) => {
      const afterStep = act(monitoring(), 'promote', T0 + 5 * MIN).state;
      const paused = act(afterStep, 'hold', T0 + 6 * MIN).state;
      for (const s of [afterStep, paused]) {
        const { state } = act(s, action, T0 + 7 * MIN);
        expect(state).toMatchObject({
          phase: 'ROLLBACK',
          weight: 0,
          stepIndex: 1,
          holdStartedAt: null,
          pausedAt: null,
        });
      }
    },
  );

  it('nothing leaves ROLLBACK or PROMOTED', () => {
    const rolledBack = act(monitoring(), 'rollback', T0 + MIN).state;
    const p = { steps: [{ weight: 100 }] };
    const promoted = act(monitoring(p), 'promote', T0, p).state;
    expect(promoted.phase).toBe('PROMOTED');
    for (const action of ['promote', 'continue', 'hold', 'inconclusive', 'rollback', 'block'] as const) {
      expect(act(rolledBack, action, T0 + 99 * MIN)).toMatchObject({ state: rolledBack, events: [] });
      expect(act(promoted, action, T0 + 99 * MIN, p)).toMatchObject({ state: promoted, events: [] });
    }
    expect(confirmDeployment(plan, rolledBack, { healthOk: true }, T0 + 99 * MIN).state).toEqual(rolledBack);
  });
});

describe('damaged input is reported as data, never thrown', () => {
  it('a decision without a known action reads as inconclusive (pauses, never promotes)', () => {
    const garbage = { action: 'ship-it' } as unknown as { action: CanaryAction };
    const { state, issues } = advanceCanary(plan, monitoring(), garbage, T0 + 10 * MIN);
    expect(state.phase).toBe('PAUSED');
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_decision', path: 'decision.action' })]);
  });

  // The plan is read by the contract's CanaryPlan schema: its issues keep parseContract's codes, under `plan`.
  it.each([
    ['no steps', { steps: [] }, 'too_small', 'plan.steps'],
    ['decreasing weights', { steps: [{ weight: 50 }, { weight: 25 }] }, 'custom', 'plan.steps'],
    ['a bad hold', { steps: [{ weight: 10, hold: 'five minutes' }] }, 'invalid_format', 'plan.steps[0].hold'],
    ['a fractional weight', { steps: [{ weight: 12.5 }] }, 'invalid_type', 'plan.steps[0].weight'],
    ['not an object', 'plan', 'invalid_type', 'plan'],
  ])('a plan with %s gives the fail-safe ROLLBACK state', (_, bad, code, path) => {
    const { state, events, issues } = startCanary(bad as unknown as CanaryPlan, T0);
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
    expect(events).toEqual([]);
    expect(issues[0]).toMatchObject({ code, path });
  });

  it('a damaged state gives the fail-safe ROLLBACK state', () => {
    const bad = { ...monitoring(), weight: 40 };
    const { state, issues } = act(bad, 'promote', T0 + 5 * MIN);
    expect(state).toMatchObject({ phase: 'ROLLBACK', weight: 0 });
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_state', path: 'state.weight' })]);
    expect(act(null as unknown as CanaryState, 'promote', T0).issues[0]?.path).toBe('state');
  });

  it('time never runs backwards: an earlier now reads as the last update', () => {
    const s = act(monitoring(), 'continue', T0 + 4 * MIN).state;
    const { state, issues } = act(s, 'promote', T0 + MIN);
    expect(state.stepIndex).toBe(0);
    expect(state.updatedAt).toBe(T0 + 4 * MIN);
    expect(issues[0]?.code).toBe('clock_skew');
  });

  it('an instant no RFC 3339 timestamp can spell (year 10000) is refused', () => {
    const { state, issues } = startCanary(plan, Date.parse('+010000-01-01T00:00:00Z'));
    expect(state.phase).toBe('ROLLBACK');
    expect(issues[0]?.code).toBe('invalid_time');
  });

  it('an invalid now still lets a rollback act', () => {
    const { state, issues } = advanceCanary(plan, monitoring(), { action: 'rollback' }, Number.NaN);
    expect(state.phase).toBe('ROLLBACK');
    expect(issues[0]?.code).toBe('invalid_time');
  });

  it('damaged health input never opens the gate', () => {
    const deployed = startCanary(plan, T0).state;
    const bad = { healthOk: 'yes', rollbackSignal: 'maybe' } as unknown as { healthOk: boolean };
    const { state, issues } = confirmDeployment(plan, deployed, bad, T0 + MIN);
    expect(state.phase).toBe('DEPLOYMENT');
    expect(issues.map((p) => p.path)).toEqual(['health.healthOk', 'health.rollbackSignal']);
  });

  it('a state restored from JSON keeps working', () => {
    const s = JSON.parse(JSON.stringify(act(monitoring(), 'continue', T0 + MIN).state)) as CanaryState;
    expect(act(s, 'promote', T0 + 5 * MIN).state.stepIndex).toBe(1);
  });
});

import { type CanaryPlan, parseContract } from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { replayCanary } from './replay.js';
import { startCanary } from './start.js';
import type {
  CanaryAction,
  CanaryContext,
  CanaryLogEntry,
  CanaryResult,
  CanaryState,
  DeploymentHealth,
} from './types.js';

const T0 = Date.UTC(2025, 9, 2, 12);
const ACTIONS: CanaryAction[] = ['promote', 'continue', 'hold', 'rollback', 'block', 'inconclusive'];
const context: CanaryContext = {
  service: 'svc',
  environment: 'production',
  version: '1.0.0',
  correlationId: 'c-1',
};

const planArb: fc.Arbitrary<CanaryPlan> = fc
  .array(
    fc.record(
      { weight: fc.integer({ min: 0, max: 100 }), hold: fc.constantFrom('0s', '1s', '30s', '1m', '5m') },
      { requiredKeys: ['weight'] },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((steps) => {
    const weights = steps.map((s) => s.weight).sort((a, b) => a - b);
    return { steps: steps.map((s, i) => ({ ...s, weight: weights[i] ?? 0 })) };
  });

// Mostly promotes (so runs get far), with every other action and health observations mixed in.
const entryArb = (at: number): fc.Arbitrary<CanaryLogEntry> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom<CanaryAction>('promote', 'promote', 'continue')
        .map((action) => ({ now: at, decision: { action } })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...ACTIONS).map((action) => ({ now: at, decision: { action } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          healthOk: fc.boolean(),
          rollbackSignal: fc.oneof(
            { weight: 4, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
        })
        .map((health) => ({ now: at, health })),
    },
  );

const logArb: fc.Arbitrary<CanaryLogEntry[]> = fc
  .array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 40 })
  .chain((gaps) => {
    let at = T0;
    const times = gaps.map((g) => (at += g));
    return times.length === 0 ? fc.constant([]) : fc.tuple(...times.map(entryArb));
  });

function apply(
  plan: CanaryPlan,
  state: CanaryState,
  entry: CanaryLogEntry,
  ctx?: CanaryContext,
): CanaryResult {
  return 'decision' in entry
    ? advanceCanary(plan, state, entry.decision, entry.now, ctx)
    : confirmDeployment(plan, state, entry.health, entry.now, ctx);
}

// A fixed seed keeps the suite deterministic; change it locally to explore new cases.
fc.configureGlobal({ seed: 20251002 });

describe('canary properties', () => {
  it('never skips a step; weight only rises along the plan, except to 0 on rollback; terminal phases never change', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(planArb, logArb, (plan, log) => {
        let state = startCanary(plan, T0).state;
        for (const entry of log) {
          const before = state;
          const { state: after, issues } = apply(plan, before, entry);
          expect(issues).toEqual([]);
          expect([before.stepIndex, before.stepIndex + 1]).toContain(after.stepIndex);
          if (after.phase === 'ROLLBACK') expect(after.weight).toBe(0);
          else {
            expect(after.weight).toBe(plan.steps[after.stepIndex]?.weight);
            expect(after.weight).toBeGreaterThanOrEqual(before.weight);
          }
          if (before.phase === 'ROLLBACK' || before.phase === 'PROMOTED') expect(after).toBe(before);
          if (
            after.stepIndex > before.stepIndex ||
            (after.phase === 'PROMOTED' && before.phase !== 'PROMOTED')
          ) {
            // Only a promote in MONITORING, at or after the hold, moves a canary forward.
            expect('decision' in entry && entry.decision.action).toBe('promote');
            expect(before.phase).toBe('MONITORING');
          }
          state = after;
        }
        reached.add(state.phase);
      }),
      { numRuns: 300 },
    );
    // The generated runs do exercise every end: promoted, rolled back and still going.
    expect([...reached].sort()).toEqual(['DEPLOYMENT', 'MONITORING', 'PAUSED', 'PROMOTED', 'ROLLBACK']);
  });

  it('never promotes after a rollback', () => {
    fc.assert(
      fc.property(planArb, logArb, (plan, log) => {
        const phases = [startCanary(plan, T0).state];
        for (const entry of log) phases.push(apply(plan, phases[phases.length - 1]!, entry).state);
        const firstRollback = phases.findIndex((s) => s.phase === 'ROLLBACK');
        if (firstRollback >= 0) {
          expect(phases.slice(firstRollback).every((s) => s.phase === 'ROLLBACK' && s.weight === 0)).toBe(
            true,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replay is deterministic and matches the step-by-step fold, events included', () => {
    fc.assert(
      fc.property(planArb, logArb, (plan, log) => {
        const a = replayCanary(plan, log, { startedAt: T0, context });
        const b = replayCanary(structuredClone(plan), structuredClone(log), {
          startedAt: new Date(T0),
          context,
        });
        expect(b).toEqual(a);
        let { state, events } = startCanary(plan, T0, context);
        const all = [...events];
        for (const entry of log) {
          ({ state, events } = apply(plan, state, entry, context));
          all.push(...events);
        }
        expect(a.state).toEqual(state);
        expect(a.events).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });

  it('every event of any run is a valid contract event', () => {
    fc.assert(
      fc.property(planArb, logArb, (plan, log) => {
        for (const event of replayCanary(plan, log, { startedAt: T0, context }).events) {
          const parsed = parseContract('telemetry-event', event);
          expect(parsed.ok ? [] : parsed.issues).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('garbage in gives a result with issues, never a throw', () => {
    const valid = startCanary({ steps: [{ weight: 10 }] }, T0).state;
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.oneof(fc.anything(), fc.double(), fc.date({ noInvalidDate: false })),
        fc.oneof(
          fc.anything(),
          fc.constant(context),
          fc.string().map((environment) => ({ ...context, environment })),
        ),
        (plan, state, decision, now, ctx) => {
          const calls = [
            () => startCanary(plan as CanaryPlan, now as number, ctx as CanaryContext),
            () =>
              advanceCanary(
                plan as CanaryPlan,
                state as CanaryState,
                decision as { action: CanaryAction },
                now as number,
              ),
            () =>
              advanceCanary(
                { steps: [{ weight: 10 }] },
                valid,
                decision as { action: CanaryAction },
                now as number,
                ctx as CanaryContext,
              ),
            () =>
              confirmDeployment(
                { steps: [{ weight: 10 }] },
                valid,
                decision as { healthOk: boolean },
                now as number,
              ),
            () => replayCanary(plan as CanaryPlan, state as CanaryLogEntry[]),
          ];
          for (const call of calls) {
            const result = call();
            expect(['DEPLOYMENT', 'MONITORING', 'PAUSED', 'ROLLBACK', 'PROMOTED']).toContain(
              result.state.phase,
            );
            expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
            for (const event of result.events) expect(parseContract('telemetry-event', event).ok).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('canary properties: the DEPLOYMENT phase ends', () => {
  const deploymentArb = fc.record(
    {
      progressDeadline: fc.constantFrom('0s', '30s', '2m', '10m'),
      failureThreshold: fc.integer({ min: 1, max: 6 }),
      grace: fc.constantFrom('0s', '10s', '30s', '5m'),
    },
    { requiredKeys: [] },
  );
  const deployingPlanArb: fc.Arbitrary<CanaryPlan> = fc
    .tuple(planArb, fc.option(deploymentArb, { nil: undefined }))
    .map(([plan, deployment]) => (deployment === undefined ? plan : { ...plan, deployment }));

  // Any health observation (damaged ones included), and decisions, at instants that mostly move
  // forward but also jump back or cannot be read.
  const inputArb: fc.Arbitrary<{ gap: number; input: CanaryLogEntry }> = fc.record({
    gap: fc.integer({ min: -120_000, max: 300_000 }),
    input: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .record({
            healthOk: fc.oneof(fc.boolean(), fc.constant('yes')),
            rollbackSignal: fc.oneof(
              { weight: 9, arbitrary: fc.constant(false) },
              { weight: 1, arbitrary: fc.constant(true) },
            ),
          })
          .map((health) => ({ now: 0, health: health as DeploymentHealth })),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...ACTIONS).map((action) => ({ now: 0, decision: { action } })),
      },
    ),
  });

  it('no canary stays in DEPLOYMENT past its deadline, whatever the health observations and times', () => {
    const ends = new Set<string>();
    fc.assert(
      fc.property(
        deployingPlanArb,
        fc.array(
          fc.tuple(
            inputArb,
            fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          ),
          { maxLength: 40 },
        ),
        (plan, inputs) => {
          const deadline = parseDuration(plan.deployment?.progressDeadline ?? '10m') ?? Number.NaN;
          const threshold = plan.deployment?.failureThreshold ?? 3;
          let state = startCanary(plan, T0, context).state;
          let at = T0;
          for (const [{ gap, input }, unreadable] of inputs) {
            at += gap;
            const now = unreadable ? 'soon' : at;
            const before = state;
            const step = apply(plan, before, { ...input, now } as CanaryLogEntry, context);
            state = step.state;
            if (state.phase === 'DEPLOYMENT') {
              expect(state.updatedAt - state.startedAt).toBeLessThanOrEqual(deadline);
              expect(state.healthFailures).toBeLessThan(threshold);
            }
            if (before.phase === 'DEPLOYMENT' && !unreadable && at - before.startedAt > deadline) {
              expect(state.phase).toBe('ROLLBACK');
            }
            if (before.phase === 'DEPLOYMENT' && state.phase === 'MONITORING') {
              expect(state.healthFailures).toBe(0);
              ends.add('confirmed');
            }
            if (before.phase === 'DEPLOYMENT' && state.phase === 'ROLLBACK')
              ends.add(state.reason.split(' ').slice(0, 2).join(' '));
            for (const event of step.events) expect(parseContract('telemetry-event', event).ok).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
    // The generated runs do end DEPLOYMENT in every way: confirmed, the deadline, failed health, a signal, a decision.
    expect([...ends].sort()).toEqual([
      'block decision',
      'confirmed',
      'health checks',
      'progress deadline',
      'rollback decision',
      'rollback signal',
    ]);
  });
});

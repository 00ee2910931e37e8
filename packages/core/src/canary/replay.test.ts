import { readFileSync } from 'node:fs';
import { type CanaryPlan, parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { advanceCanary } from './advance.js';
import { confirmDeployment } from './confirm-deployment.js';
import { DEFAULT_CANARY_PLAN } from './default-plan.js';
import { replayCanary } from './replay.js';
import { startCanary } from './start.js';
import type { CanaryContext, CanaryLogEntry } from './types.js';

const fixtures = new URL('../../fixtures/canary/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

interface ReplayFixture {
  plan: string;
  context: CanaryContext;
  startedAt: string;
  log: CanaryLogEntry[];
  expected: { state: Record<string, unknown>; events: Record<string, unknown>[] };
}

describe('golden replays of recorded canary runs', () => {
  it('the default plan fixture is a valid contract canary plan equal to DEFAULT_CANARY_PLAN', () => {
    const parsed = parseContract('canary-plan', load('default-plan.json'));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value.steps).toEqual(DEFAULT_CANARY_PLAN.steps);
  });

  it.each([
    'replay-error-rate-rollback.json',
    'replay-promoted.json',
    'replay-health-failures-rollback.json',
    'replay-progress-deadline-rollback.json',
  ])('%s replays to its recorded outcome', (name) => {
    const fixture = load(name) as ReplayFixture;
    const plan = load(fixture.plan) as CanaryPlan;
    const result = replayCanary(plan, fixture.log, {
      startedAt: fixture.startedAt,
      context: fixture.context,
    });
    expect(result.issues).toEqual([]);
    expect(result.applied).toBe(fixture.log.length);
    expect(result.state).toMatchObject(fixture.expected.state);
    expect(result.events).toHaveLength(fixture.expected.events.length);
    result.events.forEach((event, i) => {
      expect(event).toMatchObject(fixture.expected.events[i] ?? {});
      const parsed = parseContract('telemetry-event', event);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    });
  });
});

describe('replayCanary', () => {
  const T0 = Date.UTC(2025, 9, 2, 12);
  const log: CanaryLogEntry[] = [
    { now: T0, health: { healthOk: true } },
    { now: T0 + 300_000, decision: { action: 'promote' } },
    { now: T0 + 400_000, decision: { action: 'hold' } },
    { now: T0 + 500_000, decision: { action: 'block' } },
  ];
  const context: CanaryContext = {
    service: 'svc',
    environment: 'staging',
    version: '2.0.0',
    correlationId: 'c-1',
  };

  it('equals folding the same inputs through startCanary, confirmDeployment and advanceCanary', () => {
    const plan = DEFAULT_CANARY_PLAN;
    let { state, events } = startCanary(plan, T0, context);
    const all = [...events];
    for (const entry of log) {
      const step =
        'decision' in entry
          ? advanceCanary(plan, state, entry.decision, entry.now, context)
          : confirmDeployment(plan, state, entry.health, entry.now, context);
      state = step.state;
      events = step.events;
      all.push(...events);
    }
    const replayed = replayCanary(plan, log, { context });
    expect(replayed.state).toEqual(state);
    expect(replayed.events).toEqual(all);
  });

  it('starts at the first entry when no start time is given', () => {
    expect(replayCanary(DEFAULT_CANARY_PLAN, log).state.startedAt).toBe(T0);
  });

  it('an empty log without a start time is reported, not thrown', () => {
    const { state, issues } = replayCanary(DEFAULT_CANARY_PLAN, []);
    expect(state.phase).toBe('ROLLBACK');
    expect(issues[0]).toMatchObject({ code: 'invalid_time', path: 'options.startedAt' });
  });

  it('an empty log with a start time is a canary waiting for its health gate', () => {
    const { state, events } = replayCanary(DEFAULT_CANARY_PLAN, [], { startedAt: T0, context });
    expect(state.phase).toBe('DEPLOYMENT');
    expect(events.map((e) => e.type)).toEqual(['canary.started']);
  });

  it('unreadable entries are skipped and reported with their index', () => {
    const damaged = [log[0], 'noise', { now: T0 + 1 }] as unknown as CanaryLogEntry[];
    const { applied, issues } = replayCanary(DEFAULT_CANARY_PLAN, damaged);
    expect(applied).toBe(1);
    expect(issues.map((p) => p.path)).toEqual(['log[1]', 'log[2]']);
  });

  it('issues of an entry carry its index', () => {
    const withSkew: CanaryLogEntry[] = [...log.slice(0, 2), { now: T0, decision: { action: 'continue' } }];
    const { issues } = replayCanary(DEFAULT_CANARY_PLAN, withSkew);
    expect(issues).toEqual([expect.objectContaining({ code: 'clock_skew', path: 'log[2].now' })]);
  });
});

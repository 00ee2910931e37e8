import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { isRollgateError } from '../index.js';
import { createHealth } from './create-health.js';
import { deferred, flushMicrotasks } from './test-kit.js';
import type { HealthChange } from './types.js';

const base = { service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 };

const valid = <T>(report: T): T => {
  const parsed = parseContract('health-report', report);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return report;
};

describe('lifecycle: starting → started', () => {
  it('a health with no startup probes is started from its first check', async () => {
    const health = createHealth(base);
    health.register({ name: 'db', check: () => true });
    expect(health.state).toBe('starting');
    await health.check('liveness');
    expect(health.state).toBe('started');
    expect(valid(await health.check('startup'))).toMatchObject({
      status: 'ok',
      group: 'startup',
      checks: [],
    });
  });

  it('startup fails with reason "starting" until every startup probe passes, then stays ok without running them', async () => {
    const health = createHealth(base);
    let migrated = false;
    let calls = 0;
    health.register({
      name: 'migrations',
      groups: ['startup'],
      check: () => {
        calls += 1;
        if (!migrated) throw new Error('schema at v41, need v42');
      },
    });
    const first = valid(await health.check('startup'));
    expect(first).toMatchObject({
      status: 'fail',
      group: 'startup',
      reason: 'starting',
      dependency: 'migrations',
      error: 'schema at v41, need v42',
    });
    await health.check('readiness'); // other groups do not start a health that has startup probes
    expect(health.state).toBe('starting');
    migrated = true;
    expect(valid(await health.check('startup')).status).toBe('ok');
    expect(health.state).toBe('started');
    migrated = false;
    expect((await health.check('startup')).status).toBe('ok');
    expect(calls).toBe(2);
  });

  it('a startup check that excluded a probe does not mark the health started', async () => {
    const health = createHealth(base);
    health.register({ name: 'a', groups: ['startup'], check: () => true });
    health.register({ name: 'b', groups: ['startup'], check: () => false });
    expect((await health.check('startup', { exclude: ['b'] })).status).toBe('ok');
    expect(health.state).toBe('starting');
  });

  it('markStarted() starts the health whatever the startup probes say', async () => {
    const health = createHealth(base);
    let calls = 0;
    health.register({
      name: 'warmup',
      groups: ['startup'],
      check: () => {
        calls += 1;
        return false;
      },
    });
    health.markStarted();
    expect(health.state).toBe('started');
    expect((await health.check('startup')).status).toBe('ok');
    expect(calls).toBe(0);
  });
});

describe('lifecycle: draining', () => {
  it('beginDrain() fails readiness at once with reason "draining"; liveness keeps answering from its probes', async () => {
    const health = createHealth(base);
    const changes: HealthChange[] = [];
    let readinessCalls = 0;
    health.register({
      name: 'db',
      check: () => {
        readinessCalls += 1;
      },
    });
    health.register({ name: 'loop', groups: ['liveness'], check: () => 'alive' });
    health.on('change', (change) => changes.push(change));
    expect((await health.check('readiness')).status).toBe('ok');
    health.beginDrain();
    expect(health.state).toBe('draining');
    // Observers hear of it at once, not at the next check.
    expect(changes.at(-1)).toMatchObject({
      group: 'readiness',
      previous: { status: 'ok' },
      current: { status: 'fail' },
    });
    const draining = valid(await health.check('readiness'));
    expect(draining).toMatchObject({
      status: 'fail',
      reason: 'draining',
      error: 'draining',
      group: 'readiness',
    });
    expect(draining.dependency).toBeUndefined();
    expect(readinessCalls).toBe(1);
    expect(valid(await health.check('liveness'))).toMatchObject({ status: 'ok', checks: [{ name: 'loop' }] });
    expect(changes.filter((c) => c.group === 'readiness')).toHaveLength(2);
  });

  it('a readiness check in flight when draining begins answers "draining"', async () => {
    const health = createHealth(base);
    const gate = deferred();
    health.register({ name: 'db', check: () => gate.promise });
    const pending = health.check('readiness');
    await flushMicrotasks();
    health.beginDrain();
    gate.resolve('ok');
    expect(await pending).toMatchObject({ status: 'fail', reason: 'draining' });
  });

  it('only moves forward: markStarted() after beginDrain() keeps it draining', () => {
    const health = createHealth(base);
    health.beginDrain();
    health.markStarted();
    expect(health.state).toBe('draining');
  });
});

describe('lifecycle: closed', () => {
  it('close() fails every later check with reason "closed" and refuses registrations', async () => {
    const health = createHealth(base);
    health.register({ name: 'db', groups: ['liveness', 'readiness', 'startup'], check: () => true });
    await health.close();
    await health.close();
    expect(health.state).toBe('closed');
    for (const group of ['startup', 'liveness', 'readiness'] as const) {
      expect(valid(await health.check(group))).toMatchObject({
        status: 'fail',
        reason: 'closed',
        error: 'closed',
        group,
      });
    }
    expect(valid(await health.checkProbe('db'))).toMatchObject({
      status: 'fail',
      reason: 'closed',
      group: 'probe',
    });
    expect(await health.checkProbe('nope')).toBeUndefined();
    let thrown: unknown;
    try {
      health.register({ name: 'late', check: () => true });
    } catch (error) {
      thrown = error;
    }
    expect(isRollgateError(thrown, 'ROLLGATE_ERR_HEALTH_CLOSED')).toBe(true);
    health.beginDrain();
    health.markStarted();
    expect(health.state).toBe('closed');
  });
});

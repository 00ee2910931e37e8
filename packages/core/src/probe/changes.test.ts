import { parseContract, type TelemetryEvent } from '@rollgate/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { recordingLogger } from './test-kit.js';
import type { HealthChange } from './types.js';

const base = { service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 };

describe("health.on('change')", () => {
  it('fires on every status transition of a group, with the previous and current report', async () => {
    const health = createHealth(base);
    const changes: HealthChange[] = [];
    health.on('change', (change) => changes.push(change));
    let db = true;
    let optional = true;
    health.register({ name: 'db', check: () => db });
    health.register({ name: 'optional', critical: false, check: () => optional });
    await health.check('readiness'); // first report: a transition from nothing
    await health.check('readiness'); // same status: nothing
    optional = false;
    await health.check('readiness'); // degraded
    db = false;
    await health.check('readiness'); // fail
    await health.check('readiness', { exclude: ['db'] }); // a partial check never speaks for the group
    db = true;
    optional = true;
    await health.check('readiness'); // ok again
    expect(changes.map((c) => [c.previous?.status, c.current.status])).toEqual([
      [undefined, 'ok'],
      ['ok', 'degraded'],
      ['degraded', 'fail'],
      ['fail', 'ok'],
    ]);
    expect(changes.every((c) => c.group === 'readiness')).toBe(true);
    expect(changes[2]?.current).toMatchObject({ dependency: 'db', error: 'probe returned false' });
  });

  it('tracks each group on its own', async () => {
    const health = createHealth(base);
    const groups: string[] = [];
    health.on('change', (change) => groups.push(change.group));
    health.register({ name: 'db', groups: ['liveness', 'readiness'], check: () => true });
    await health.check('readiness');
    await health.check('liveness');
    await health.check('readiness');
    expect(groups).toEqual(['readiness', 'liveness']);
  });

  it('stops calling a listener after it unsubscribes', async () => {
    const health = createHealth(base);
    let calls = 0;
    const off = health.on('change', () => {
      calls += 1;
    });
    let ok = true;
    health.register({ name: 'db', check: () => ok });
    await health.check('readiness');
    off();
    ok = false;
    await health.check('readiness');
    expect(calls).toBe(1);
  });

  it('gives listeners their own copy: a listener that mutates the report changes nothing for the caller', async () => {
    const health = createHealth(base);
    health.on('change', (change) => {
      change.current.status = 'fail';
      change.current.checks = [];
    });
    health.register({ name: 'db', check: () => true });
    const report = await health.check('readiness');
    expect(report.status).toBe('ok');
    expect(report.checks).toHaveLength(1);
  });
});

describe('telemetry events', () => {
  it('emits health.ok / health.failed events that conform to the contract (observability profile)', async () => {
    const events: TelemetryEvent[] = [];
    const health = createHealth({
      ...base,
      environment: 'staging',
      timestampOffset: '+08:00',
      correlationId: 'deploy-7f3a',
      taskId: 'task-42',
      phaseIndex: 2,
      sinks: [(event) => events.push(event)],
    });
    let ok = true;
    health.register({
      name: 'Redis',
      check: () => (ok ? 'PONG' : Promise.reject(new Error('PING timeout after 300ms'))),
    });
    health.register({ name: 'search', critical: false, check: () => ok });
    await health.check('readiness');
    ok = false;
    await health.check('readiness');
    health.beginDrain();
    expect(events.map((e) => e.type)).toEqual(['health.ok', 'health.failed']);
    for (const event of events) {
      const parsed = parseContract('telemetry-event', event, { profile: 'observability' });
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    }
    expect(events[0]).toMatchObject({
      type: 'health.ok',
      status: 'ok',
      service: 'orders-api',
      version: '1.4.0',
      environment: 'staging',
      correlation_id: 'deploy-7f3a',
      task_id: 'task-42',
      phase_index: 2,
      group: 'readiness',
    });
    expect(events[0]?.timestamp).toMatch(/\+08:00$/);
    expect(events[1]).toMatchObject({
      type: 'health.failed',
      dependency: 'Redis',
      error: 'PING timeout after 300ms',
      failures: ['Redis', 'search'],
    });
  });

  it('emits a health.failed "draining" event when draining begins after a healthy readiness', async () => {
    const events: TelemetryEvent[] = [];
    const health = createHealth({ ...base, sinks: [(event) => events.push(event)] });
    health.register({ name: 'db', check: () => true });
    await health.check('readiness');
    health.beginDrain();
    expect(events.at(-1)).toMatchObject({ type: 'health.failed', group: 'readiness', error: 'draining' });
    expect(events.at(-1)).not.toHaveProperty('dependency');
    const parsed = parseContract('telemetry-event', events.at(-1));
    expect(parsed.ok).toBe(true);
  });

  it('uses a random correlation id when the host gives none', async () => {
    const events: TelemetryEvent[] = [];
    const health = createHealth({ ...base, sinks: [(event) => events.push(event)] });
    await health.check('readiness');
    expect(events[0]?.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseContract('telemetry-event', events[0]).ok).toBe(true);
  });
});

describe('misbehaving listeners and sinks', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('never break a check: throwing or rejecting listeners and sinks are logged and the others still run', async () => {
    const logger = recordingLogger();
    const received: string[] = [];
    const health = createHealth({
      ...base,
      logger,
      sinks: [
        () => {
          throw new Error('sink down: token=abc');
        },
        async () => {
          throw new Error('async sink down');
        },
        (event) => received.push(`sink:${event.type}`),
      ],
    });
    health.on('change', () => {
      throw new Error('listener bug');
    });
    health.on('change', async () => Promise.reject('async listener bug'));
    health.on('change', (change) => received.push(`listener:${change.current.status}`));
    health.register({ name: 'db', check: () => true });
    const report = await health.check('readiness');
    expect(report.status).toBe('ok');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(['listener:ok', 'sink:health.ok']);
    expect(unhandled).toEqual([]);
    // Asynchronous failures arrive in microtask order, so compare without order.
    expect(logger.lines.map((line) => `${line.message}: ${String(line.fields.error)}`).sort()).toEqual([
      'health change listener failed: async listener bug',
      'health change listener failed: listener bug',
      'health telemetry sink failed: async sink down',
      'health telemetry sink failed: sink down: token=***',
    ]);
  });

  it('a throwing logger breaks nothing either', async () => {
    const health = createHealth({
      ...base,
      logger: {
        warn() {
          throw new Error('logger down');
        },
      },
    });
    health.on('change', () => {
      throw new Error('listener bug');
    });
    health.register({ name: 'db', check: () => true });
    expect((await health.check('readiness')).status).toBe('ok');
  });
});

import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { recordingLogger } from './test-kit.js';
import type { HealthChange } from './types.js';

function make() {
  const logger = recordingLogger();
  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, logger });
  let calls = 0;
  health.register({
    name: 'Postgres',
    groups: ['readiness', 'liveness'],
    check: () => {
      calls += 1;
    },
  });
  return { health, logger, calls: () => calls };
}

describe('maintenance toggle: health.setReady()', () => {
  it('setReady(false, reason) fails readiness with that reason without running probes; setReady(true) undoes it', async () => {
    const { health, calls } = make();
    health.setReady(false, 'reindexing search');
    expect(health.maintenance).toBe('reindexing search');
    const held = await health.check('readiness');
    expect(parseContract('health-report', held).ok).toBe(true);
    expect(held).toMatchObject({
      status: 'fail',
      reason: 'maintenance',
      error: 'reindexing search',
      checks: [],
    });
    expect(calls()).toBe(0);
    expect((await health.check('liveness')).status).toBe('ok');
    expect(calls()).toBe(1);
    health.setReady(true);
    expect(health.maintenance).toBeUndefined();
    expect((await health.check('readiness')).status).toBe('ok');
    await health.close();
  });

  it('is announced at once to change listeners, defaults its reason, and is logged', async () => {
    const { health, logger } = make();
    await health.check('readiness');
    const changes: HealthChange[] = [];
    health.on('change', (change) => changes.push(change));
    health.setReady(false);
    expect(changes.map((c) => [c.group, c.current.status, c.current.reason, c.current.error])).toEqual([
      ['readiness', 'fail', 'maintenance', 'maintenance'],
    ]);
    expect(logger.lines.at(-1)?.message).toBe('readiness held down for maintenance');
    health.setReady(true);
    expect(logger.lines.at(-1)?.message).toBe('readiness released after maintenance');
    await health.check('readiness');
    expect(changes.at(-1)?.current.status).toBe('ok');
    await health.close();
  });

  it('draining wins over it and is one-way: setReady(true) does not bring a draining service back', async () => {
    const { health } = make();
    health.setReady(false, 'maintenance window');
    health.beginDrain();
    expect(await health.check('readiness')).toMatchObject({ status: 'fail', reason: 'draining' });
    health.setReady(true);
    expect(await health.check('readiness')).toMatchObject({ status: 'fail', reason: 'draining' });
    await health.close();
  });

  it('redacts and bounds the reason, and refuses a ready that is not a boolean', async () => {
    const { health } = make();
    health.setReady(false, `restoring from postgres://admin:hunter2@db/orders ${'x'.repeat(1000)}`);
    expect(health.maintenance).not.toContain('hunter2');
    expect(health.maintenance?.length).toBeLessThanOrEqual(512);
    expect(() => health.setReady('no' as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_ARGUMENT' }),
    );
    await health.close();
  });
});

// The emitter where events are born: createHealth's transitions and the canary's transitions.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CANARY_PLAN } from '../canary/default-plan.js';
import { startCanary } from '../canary/start.js';
import { createHealth } from '../probe/create-health.js';
import { createEmitter } from './create-emitter.js';
import { emitAll } from './emit-all.js';
import { webhookSink } from './sinks/webhook-sink.js';
import { healthFailed, type Receiver, recordingSink, startReceiver } from './test-kit.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('createHealth({ emitter })', () => {
  it('health.failed then health.ok reach a webhook through the emitter, validated and in order', async () => {
    const server = await startReceiver((i) => ({ status: i === 0 ? 503 : 200 }));
    receiver = server;
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, minDelayMs: 1, maxDelayMs: 10 })],
    });
    let up = false;
    const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, emitter });
    health.register({
      name: 'Redis',
      check: () => {
        if (!up) throw new Error('PING timeout after 300ms');
      },
    });
    await health.check('readiness');
    up = true;
    await health.check('readiness');
    await health.close();
    await emitter.close();
    const delivered = [...server.accepted.values()].map((body) => JSON.parse(body).data);
    expect(delivered).toMatchObject([
      { type: 'health.failed', service: 'orders-api', group: 'readiness', dependency: 'Redis' },
      { type: 'health.ok', service: 'orders-api', group: 'readiness', status: 'ok' },
    ]);
  });

  it('an emitter that refuses or rejects is logged, never breaking a check', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_fields: Record<string, unknown>, message: string) => warnings.push(message) };
    const refusing = { emit: () => ({ ok: false, issues: [{ code: 'x', path: '', message: 'no' }] }) };
    const rejecting = { emit: () => Promise.reject(new Error('closed')) };
    for (const emitter of [refusing, rejecting]) {
      const health = createHealth({ service: 'orders-api', version: '1.4.0', emitter, logger });
      health.register({ name: 'db', check: () => undefined });
      expect((await health.check('readiness')).status).toBe('ok');
      await new Promise((resolve) => setImmediate(resolve));
      await health.close();
    }
    expect(warnings).toEqual(['health event emitter failed', 'health event emitter failed']);
  });

  it('an emitter without emit() is a setup mistake', () => {
    expect(() => createHealth({ service: 'a', version: '1', emitter: {} as never })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
  });
});

describe('emitAll with the canary', () => {
  it("delivers a transition's events in order", async () => {
    const sink = recordingSink();
    const emitter = createEmitter({ sinks: [sink], profile: 'observability' });
    const { events } = startCanary(DEFAULT_CANARY_PLAN, Date.UTC(2025, 9, 2, 12), {
      service: 'orders-api',
      environment: 'production',
      version: '1.4.0',
      correlationId: 'rel-2025-10-02',
      offset: '+08:00',
    });
    const result = await emitAll(emitter, events);
    expect(result).toMatchObject({ ok: true });
    expect(sink.batches.flat().map((q) => q.event)).toEqual(events);
  });

  it('stops at the first invalid event, naming its index in the issue path', async () => {
    const sink = recordingSink();
    const emitter = createEmitter({ sinks: [sink] });
    const result = await emitAll(emitter, [
      healthFailed(1),
      { ...healthFailed(2), version: '' },
      healthFailed(3),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(new Set(result.issues.map((issue) => issue.path))).toEqual(new Set(['[1].version']));
    expect(sink.batches.flat().map((q) => q.event)).toEqual([healthFailed(1)]);
  });
});

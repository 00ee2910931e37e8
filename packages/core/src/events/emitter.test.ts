import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from './create-emitter.js';
import { deadLetters, healthFailed, recordingSink } from './test-kit.js';

afterEach(() => {
  vi.restoreAllMocks();
});

async function dropped(registry: Registry, labels: Record<string, string>): Promise<number | undefined> {
  const metric = registry.getSingleMetric('rollgate_events_dropped_total');
  if (!metric) return undefined;
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))?.value;
}

describe('emit validates with the contract before anything is queued', () => {
  it('an invalid event answers { ok: false, issues } with paths, and no sink sees it', async () => {
    const sink = recordingSink();
    const emitter = createEmitter({ sinks: [sink] });
    const { error: _dropped, ...noError } = healthFailed(1) as Record<string, unknown>;
    const result = await emitter.emit({ ...noError, environment: 'Prod!', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path).sort()).toEqual(['environment', 'extra']);
    for (const issue of result.issues) expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
    expect(await emitter.emit('not an event')).toMatchObject({ ok: false });
    await emitter.close();
    expect(sink.batches).toEqual([]);
  });

  it('the observability profile refuses a timestamp that is not +08:00', async () => {
    const emitter = createEmitter({ sinks: [recordingSink()], profile: 'observability' });
    const result = await emitter.emit(healthFailed(1, 'Z'));
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'timestamp' }] });
    expect(await emitter.emit(healthFailed(1, '+08:00'))).toMatchObject({ ok: true });
  });

  it('a valid event goes to every sink once, in emit order, with one CloudEvent id and the topic', async () => {
    const a = recordingSink('a');
    const b = recordingSink('b', { batchSize: 10 });
    const emitter = createEmitter({ sinks: [a, b], topic: 'observability/deploy/rollback' });
    // Not awaited one by one: order must hold from the call itself.
    const results = await Promise.all([1, 2, 3, 4].map((n) => emitter.emit(healthFailed(n))));
    const ids = results.map((result) => (result.ok ? result.value.id : 'refused'));
    expect(new Set(ids).size).toBe(4);
    for (const result of results)
      expect(result).toMatchObject({ ok: true, value: { sinks: { a: 'delivered', b: 'delivered' } } });
    for (const sink of [a, b]) {
      const seen = sink.batches.flat();
      expect(seen.map((queued) => queued.id)).toEqual(ids);
      expect(seen.map((queued) => queued.cloudEvent)).toMatchObject(
        ids.map((id) => ({
          id,
          specversion: '1.0',
          type: 'dev.rollgate.health.failed',
          topic: 'observability/deploy/rollback',
        })),
      );
    }
    expect(b.batches.length).toBeLessThan(4); // batched while the first was in flight
  });
});

describe('no silent loss', () => {
  it('a full queue dead-letters the overflow (queue_full) and counts it by sink and reason', async () => {
    const registry = new Registry();
    const { letters, hook } = deadLetters();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = recordingSink('slow', {
      acknowledge: 'queued',
      async deliver() {
        await gate;
      },
    });
    const emitter = createEmitter({ sinks: [slow], queueSize: 2, deadLetter: hook, metrics: { registry } });
    // The first is taken by the worker at once; two wait; the fourth and fifth overflow.
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => emitter.emit(healthFailed(n))));
    expect(results.map((r) => (r.ok ? r.value.sinks.slow : 'refused'))).toEqual([
      'queued',
      'queued',
      'queued',
      'dead_lettered',
      'dead_lettered',
    ]);
    expect(letters.map((l) => [l.sink, l.reason, l.queued.event.timestamp])).toEqual([
      ['slow', 'queue_full', healthFailed(4).timestamp],
      ['slow', 'queue_full', healthFailed(5).timestamp],
    ]);
    expect(await dropped(registry, { sink: 'slow', reason: 'queue_full' })).toBe(2);
    release();
    await emitter.close();
    expect(letters).toHaveLength(2);
  });

  it('a sink that rejects has each event of its batch dead-lettered with the error, and the counter says failed', async () => {
    const registry = new Registry();
    const { letters, hook } = deadLetters();
    const broken = recordingSink('broken', {
      async deliver() {
        throw new Error('disk full');
      },
    });
    const fine = recordingSink('fine');
    const emitter = createEmitter({
      sinks: [broken, fine],
      deadLetter: hook,
      metrics: { registry, prefix: 'aether_' },
    });
    const result = await emitter.emit(healthFailed(1));
    expect(result).toMatchObject({
      ok: true,
      value: { sinks: { broken: 'dead_lettered', fine: 'delivered' } },
    });
    expect(letters).toMatchObject([{ sink: 'broken', reason: 'failed', error: 'disk full' }]);
    const text = await registry.metrics();
    expect(text).toContain('aether_rollgate_events_dropped_total{sink="broken",reason="failed"} 1');
  });

  it('flush waits for what was emitted before it; close drains every queue', async () => {
    let delivered = 0;
    const sink = recordingSink('webhook-like', {
      acknowledge: 'queued',
      async deliver() {
        await new Promise((resolve) => setTimeout(resolve, 2));
        delivered++;
      },
    });
    const emitter = createEmitter({ sinks: [sink] });
    for (let n = 0; n < 5; n++) void emitter.emit(healthFailed(n));
    await emitter.flush();
    expect(delivered).toBe(5);
    for (let n = 5; n < 10; n++) void emitter.emit(healthFailed(n));
    await emitter.close();
    expect(delivered).toBe(10);
  });

  it('close({ timeoutMs }) dead-letters what a stuck sink still holds as closed, and emit after close rejects', async () => {
    vi.useFakeTimers();
    try {
      const { letters, hook } = deadLetters();
      const stuck = recordingSink('stuck', { acknowledge: 'queued', deliver: () => new Promise(() => {}) });
      const emitter = createEmitter({ sinks: [stuck], deadLetter: hook });
      for (let n = 0; n < 3; n++) await emitter.emit(healthFailed(n));
      const closed = emitter.close({ timeoutMs: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      await closed;
      expect(letters.map((l) => [l.reason, l.queued.event.timestamp])).toEqual(
        [0, 1, 2].map((n) => ['closed', healthFailed(n).timestamp]),
      );
      await expect(emitter.emit(healthFailed(9))).rejects.toMatchObject({
        code: 'ROLLGATE_ERR_EMITTER_CLOSED',
      });
      expect(letters.at(-1)).toMatchObject({
        reason: 'closed',
        queued: { event: { timestamp: healthFailed(9).timestamp } },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a dead-letter hook that throws does not lose the letter: it is written to stderr', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const broken = recordingSink('broken', { deliver: () => Promise.reject(new Error('no route')) });
    const emitter = createEmitter({
      sinks: [broken],
      deadLetter: () => {
        throw new Error('hook down');
      },
    });
    await emitter.emit(healthFailed(1));
    const lines = write.mock.calls.map(([chunk]) => JSON.parse(String(chunk)));
    expect(lines).toMatchObject([
      {
        rollgate: 'dead_letter',
        sink: 'broken',
        reason: 'failed',
        error: 'no route',
        hook_error: 'hook down',
      },
    ]);
    expect(lines[0].cloudevent.data).toEqual(healthFailed(1));
  });
});

describe('setup mistakes throw a coded RollgateError', () => {
  it.each([
    [{ sinks: [] }, 'ROLLGATE_ERR_INVALID_OPTION'],
    [{ sinks: [recordingSink()], topc: 'x' }, 'ROLLGATE_ERR_UNKNOWN_OPTION'],
    [{ sinks: [recordingSink('a'), recordingSink('a')] }, 'ROLLGATE_ERR_INVALID_OPTION'],
    [{ sinks: [recordingSink()], topic: 'Not A Topic' }, 'ROLLGATE_ERR_INVALID_OPTION'],
    [{ sinks: [recordingSink()], queueSize: 0 }, 'ROLLGATE_ERR_INVALID_OPTION'],
    [{ sinks: [recordingSink()], metrics: { registry: {} } }, 'ROLLGATE_ERR_INVALID_OPTION'],
  ])('%o', (options, code) => {
    expect(() => createEmitter(options as never)).toThrow(expect.objectContaining({ code }));
  });

  it('a registry where someone else registered the counter name is refused', async () => {
    const registry = new Registry();
    const { Counter } = await import('prom-client');
    new Counter({ name: 'rollgate_events_dropped_total', help: 'not ours', registers: [registry] });
    expect(() => createEmitter({ sinks: [recordingSink()], metrics: { registry } })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_EVENTS_METRIC_CONFLICT' }),
    );
  });

  it('two emitters on one registry share the counter', async () => {
    const registry = new Registry();
    const failing = (name: string) => recordingSink(name, { deliver: () => Promise.reject(new Error('x')) });
    const hook = () => {};
    const a = createEmitter({ sinks: [failing('a')], metrics: { registry }, deadLetter: hook });
    const b = createEmitter({ sinks: [failing('b')], metrics: { registry }, deadLetter: hook });
    await a.emit(healthFailed(1));
    await b.emit(healthFailed(1));
    expect(await dropped(registry, { sink: 'a', reason: 'failed' })).toBe(1);
    expect(await dropped(registry, { sink: 'b', reason: 'failed' })).toBe(1);
  });
});

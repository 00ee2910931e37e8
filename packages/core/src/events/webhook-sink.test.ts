import { afterEach, describe, expect, it } from 'vitest';
import { createEmitter } from './create-emitter.js';
import { webhookSink } from './sinks/webhook-sink.js';
import { deadLetters, healthFailed, type Receiver, type Reply, startReceiver } from './test-kit.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

// Fast retries keep the tests short; the schedule's shape (doubling, full jitter) is the library's.
const fast = { minDelayMs: 1, maxDelayMs: 20, timeoutMs: 1000 };

async function serve(script: (index: number, id: string | undefined) => Reply): Promise<Receiver> {
  receiver = await startReceiver(script);
  return receiver;
}

describe('webhook sink against a real receiver', () => {
  it('POSTs a CloudEvents structured-mode body with the id as Idempotency-Key, the same on every retry', async () => {
    const statuses = [500, 503, 200];
    const server = await serve((i) => ({ status: statuses[i] ?? 200 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({ sinks: [webhookSink({ url: server.url, ...fast })], deadLetter: hook });
    const result = await emitter.emit(healthFailed(1));
    expect(result).toMatchObject({ ok: true, value: { sinks: { webhook: 'queued' } } });
    await emitter.close();
    const id = result.ok ? result.value.id : '';
    expect(server.seen.map((s) => s.id)).toEqual([id, id, id]);
    expect(new Set(server.seen.map((s) => s.body)).size).toBe(1);
    expect(server.seen[0]?.contentType).toBe('application/cloudevents+json; charset=utf-8');
    const body = JSON.parse(server.seen[0]?.body ?? '{}');
    expect(body).toMatchObject({
      specversion: '1.0',
      id,
      type: 'dev.rollgate.health.failed',
      data: healthFailed(1),
    });
    expect([...server.accepted.keys()]).toEqual([id]);
    expect(letters).toEqual([]);
  });

  it('a reply slower than the per-attempt timeout is retried; the receiver keeps the id once', async () => {
    const server = await serve((i) => (i === 0 ? { status: 200, delayMs: 300 } : { status: 200 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, ...fast, timeoutMs: 50 })],
      deadLetter: hook,
    });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    // Two attempts at least (more when the machine is slow enough for the second to time out too).
    expect(server.seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(server.seen.map((s) => s.id)).size).toBe(1);
    expect(server.accepted.size).toBe(1);
    expect(letters).toEqual([]);
  });

  it('429 with Retry-After in seconds: the next attempt waits at least that long', async () => {
    const server = await serve((i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    const emitter = createEmitter({ sinks: [webhookSink({ url: server.url, ...fast })] });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    const [first, second] = server.seen;
    expect(server.seen.length).toBe(2);
    // A lower bound only: a loaded machine can make it later, never sooner.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('503 with Retry-After as an HTTP-date: the next attempt waits until then', async () => {
    let retryAt = 0;
    const server = await serve((i) => {
      if (i > 0) return { status: 200 };
      // HTTP-dates have whole seconds: two seconds ahead, rounded down, is at least one second ahead.
      retryAt = Math.floor((Date.now() + 2000) / 1000) * 1000;
      return { status: 503, headers: { 'retry-after': new Date(retryAt).toUTCString() } };
    });
    const emitter = createEmitter({ sinks: [webhookSink({ url: server.url, ...fast })] });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    expect(server.seen.length).toBe(2);
    expect(server.seen[1]?.at ?? 0).toBeGreaterThanOrEqual(retryAt - 10);
  });

  it('a Retry-After beyond maxRetryAfterMs dead-letters the event instead of blocking the queue', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, ...fast, maxRetryAfterMs: 1000 })],
      deadLetter: hook,
    });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    expect(server.seen.length).toBe(1);
    expect(letters).toMatchObject([{ sink: 'webhook', reason: 'retries_exhausted' }]);
    expect(letters[0]?.error).toContain('Retry-After 3600000ms');
  });

  it('a 4xx other than 408/425/429 is not retried: rejected', async () => {
    const server = await serve(() => ({ status: 400 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({ sinks: [webhookSink({ url: server.url, ...fast })], deadLetter: hook });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    expect(server.seen.length).toBe(1);
    expect(letters).toMatchObject([{ reason: 'rejected', error: 'HTTP 400' }]);
  });

  it('retries exhausted: every attempt made, then the dead-letter hook', async () => {
    const server = await serve(() => ({ status: 502 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, ...fast, attempts: 4 })],
      deadLetter: hook,
    });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    expect(server.seen.length).toBe(4);
    expect(letters).toMatchObject([{ reason: 'retries_exhausted', error: 'HTTP 502' }]);
  });

  it('a receiver that is down, then recovers: nothing is lost across close()', async () => {
    let down = true;
    const server = await serve(() => ({ status: down ? 503 : 204 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, ...fast, attempts: 50 })],
      deadLetter: hook,
    });
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) {
      const result = await emitter.emit(healthFailed(n));
      if (result.ok) ids.push(result.value.id);
    }
    setTimeout(() => {
      down = false;
    }, 50);
    await emitter.close();
    expect([...server.accepted.keys()].sort()).toEqual([...ids].sort());
    expect(letters).toEqual([]);
  });

  it('close({ timeoutMs }) while the receiver is still down: every event is accepted or dead-lettered as closed', async () => {
    const server = await serve(() => ({ status: 503 }));
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({
      sinks: [webhookSink({ url: server.url, ...fast, attempts: 1000 })],
      deadLetter: hook,
    });
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const result = await emitter.emit(healthFailed(n));
      if (result.ok) ids.push(result.value.id);
    }
    await emitter.close({ timeoutMs: 100 });
    expect(letters.map((l) => l.queued.id)).toEqual(ids);
    expect(new Set(letters.map((l) => l.reason))).toEqual(new Set(['closed']));
  });

  it('credentials in the URL travel as Basic authorization, not in the URL', async () => {
    const server = await serve(() => ({ status: 200 }));
    const url = server.url.replace('http://', 'http://hook:s%2Fcret@');
    const emitter = createEmitter({ sinks: [webhookSink({ url, ...fast })] });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    expect(server.seen[0]?.authorization).toBe(`Basic ${Buffer.from('hook:s/cret').toString('base64')}`);
  });

  it('setup mistakes are coded', () => {
    expect(() => webhookSink({ url: 'ftp://x' })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    expect(() => webhookSink({ url: 'http://x', attempts: 0 })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    expect(() => webhookSink({ url: 'http://x', retries: 3 } as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_UNKNOWN_OPTION' }),
    );
  });
});

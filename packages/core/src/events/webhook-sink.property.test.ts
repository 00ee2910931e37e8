// Property: whatever the receiver does (fail, stall past the timeout, ask to retry, refuse, recover), every
// emitted event is either accepted by the receiver (kept once by id) or handed to the dead-letter hook.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmitter } from './create-emitter.js';
import { webhookSink } from './sinks/webhook-sink.js';
import { deadLetters, healthFailed, type Reply, startReceiver } from './test-kit.js';

const REPLIES: Record<string, Reply> = {
  ok: { status: 200 },
  fail: { status: 500 },
  busy: { status: 429, headers: { 'retry-after': '0' } },
  stall: { status: 200, delayMs: 80 }, // processed, but the client has given up at 40 ms
  stallFail: { status: 503, delayMs: 80 },
  refuse: { status: 400 },
};
const ATTEMPTS = 3;

describe('webhook delivery under random failure schedules', () => {
  it('every event is accepted exactly once by id or accounted for in the dead-letter hook', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...Object.keys(REPLIES)), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (schedule, events, queueSize) => {
          const receiver = await startReceiver((i) => REPLIES[schedule[i] ?? 'ok'] ?? { status: 200 });
          try {
            const { letters, hook } = deadLetters();
            const emitter = createEmitter({
              sinks: [
                webhookSink({
                  url: receiver.url,
                  attempts: ATTEMPTS,
                  minDelayMs: 0,
                  maxDelayMs: 5,
                  timeoutMs: 40,
                }),
              ],
              deadLetter: hook,
              queueSize,
            });
            const ids: string[] = [];
            for (let n = 0; n < events; n++) {
              const result = await emitter.emit(healthFailed(n));
              if (result.ok) ids.push(result.value.id);
            }
            await emitter.close();
            const lettered = letters.map((l) => l.queued.id);
            // Accounted for: accepted, or dead-lettered (a stalled 2xx can be both: the receiver kept it, the client never heard).
            for (const id of ids) expect(receiver.accepted.has(id) || lettered.includes(id)).toBe(true);
            // Dead-lettered at most once, and only events that were emitted.
            expect(new Set(lettered).size).toBe(lettered.length);
            for (const id of [...lettered, ...receiver.accepted.keys()]) expect(ids).toContain(id);
            // Every attempt of one event carries the same id and body; never more attempts than allowed.
            for (const id of ids) {
              const attempts = receiver.seen.filter((s) => s.id === id);
              expect(attempts.length).toBeLessThanOrEqual(ATTEMPTS);
              expect(new Set(attempts.map((s) => s.body)).size).toBeLessThanOrEqual(1);
            }
            // close() without a timeout never gives up early.
            for (const letter of letters) expect(letter.reason).not.toBe('closed');
            // (A 2xx the receiver sent is not proof the client heard it within its 40 ms on a loaded machine, so
            // "accepted and dead-lettered" is allowed: at-least-once, with the id to de-duplicate.)
          } finally {
            await receiver.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});

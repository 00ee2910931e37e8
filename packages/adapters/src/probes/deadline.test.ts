import { PROBE_TIMEOUT_CAP_MS as ENGINE_CAP_MS } from '@rollgate/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROBE_TIMEOUT_CAP_MS, probeTimeouts, withDeadline } from './deadline.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a probe that enforces its own deadline', () => {
  it('fails at the deadline naming the operation in progress, and aborts the work it started', async () => {
    let phase = 'connect';
    let workSignal: AbortSignal | undefined;
    const pending = withDeadline(
      new AbortController().signal,
      300,
      () => phase,
      (signal) => {
        workSignal = signal;
        phase = 'SELECT 1';
        return new Promise(() => {});
      },
    );
    const outcome = expect(pending).rejects.toThrow('SELECT 1 timeout after 300ms');
    await vi.advanceTimersByTimeAsync(300);
    await outcome;
    expect(workSignal?.aborted).toBe(true);
    expect(workSignal?.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('leaves no timer behind when the work settles first, and passes its result through', async () => {
    await expect(
      withDeadline(
        new AbortController().signal,
        300,
        () => 'PING',
        async () => 'PONG',
      ),
    ).resolves.toBe('PONG');
    expect(vi.getTimerCount()).toBe(0);
    await expect(
      withDeadline(
        new AbortController().signal,
        300,
        () => 'PING',
        async () => Promise.reject(new Error('refused')),
      ),
    ).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when the engine aborts its signal, before or during the work', async () => {
    const engine = new AbortController();
    const pending = withDeadline(
      engine.signal,
      undefined,
      () => 'PING',
      () => new Promise(() => {}),
    );
    engine.abort(new Error('health closed'));
    await expect(pending).rejects.toThrow('PING aborted: health closed');
    await expect(
      withDeadline(
        engine.signal,
        300,
        () => 'PING',
        async () => 'PONG',
      ),
    ).rejects.toThrow('PING aborted');
  });

  it('swallows the late rejection of abandoned work', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const pending = withDeadline(
        new AbortController().signal,
        10,
        () => 'PING',
        (signal) =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => setTimeout(() => reject(new Error('late')), 5)),
          ),
      );
      const outcome = expect(pending).rejects.toThrow('PING timeout after 10ms');
      await vi.advanceTimersByTimeAsync(20);
      await outcome;
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('probeTimeouts', () => {
  it("uses the engine's cap", () => {
    expect(PROBE_TIMEOUT_CAP_MS).toBe(ENGINE_CAP_MS);
  });

  it('registers a backstop 50 ms after the probe deadline, within the 5000 ms cap', () => {
    expect(probeTimeouts('redisProbe', undefined)).toEqual({ own: undefined, registration: undefined });
    expect(probeTimeouts('redisProbe', 300)).toEqual({ own: 300, registration: 350 });
    expect(probeTimeouts('redisProbe', 5_000)).toEqual({ own: 5_000, registration: 5_000 });
  });

  it('refuses a timeout that is not a positive number of ms or is above the cap', () => {
    for (const bad of [0, -1, Number.NaN, '300', 5_001]) {
      expect(() => probeTimeouts('redisProbe', bad)).toThrow(
        expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
      );
    }
  });
});

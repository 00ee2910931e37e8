import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { untilAborted } from './abort.js';

const never = (): Promise<never> => new Promise<never>(() => {});

describe('a probe whose client ignores the AbortSignal', () => {
  it('passes the result of its work through and leaves no listener on the signal', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(signal, 'PING', async () => 'PONG')).resolves.toBe('PONG');
    await expect(untilAborted(signal, 'PING', () => Promise.reject(new Error('refused')))).rejects.toThrow(
      'refused',
    );
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once with an AbortError naming its operation when the signal aborts, and hands the work the same signal', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = untilAborted(controller.signal, 'SELECT 1', (signal) => {
      seen = signal;
      return never();
    });
    controller.abort(new DOMException('SELECT 1 timeout after 300ms', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({
      name: 'AbortError',
      message: 'SELECT 1 aborted: SELECT 1 timeout after 300ms',
    });
    expect(seen).toBe(controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('does not start its work when the signal is already aborted', async () => {
    const work = vi.fn(async () => 'PONG');
    await expect(untilAborted(AbortSignal.abort('health closed'), 'PING', work)).rejects.toThrow(
      'PING aborted: health closed',
    );
    expect(work).not.toHaveBeenCalled();
  });

  it('swallows the late rejection of the work it abandoned', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const controller = new AbortController();
      const pending = untilAborted(
        controller.signal,
        'PING',
        (signal) =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => setTimeout(() => reject(new Error('late')), 5)),
          ),
      );
      controller.abort(new Error('timeout'));
      await expect(pending).rejects.toThrow('PING aborted: timeout');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

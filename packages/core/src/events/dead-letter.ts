// The dead-letter path: every undelivered event reaches the host's hook (or stderr) and the counter. A hook
// that throws or rejects must not lose the letter, so the letter is then written to stderr as well.

import { errorMessage } from '@rollgate/contract/errors';
import type { DropCounter } from './dropped-metric.js';
import type { DeadLetter, DropReason, QueuedEvent } from './types.js';

/** Builds the drop handler the queues call. */
export function createDeadLetterPath(
  hook: ((letter: DeadLetter) => unknown) | undefined,
  count: DropCounter | undefined,
): (sink: string, queued: QueuedEvent, reason: DropReason, error?: string) => void {
  return (sink, queued, reason, error) => {
    const letter: DeadLetter =
      error === undefined ? { sink, reason, queued } : { sink, reason, queued, error };
    try {
      count?.(sink, reason);
    } catch {
      // A broken registry must not keep the letter from its hook.
    }
    if (hook === undefined) {
      writeToStderr(letter);
      return;
    }
    try {
      const returned = hook(letter);
      if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, (hookError: unknown) =>
          writeToStderr(letter, hookError),
        );
      }
    } catch (hookError) {
      writeToStderr(letter, hookError);
    }
  };
}

/** One JSON line on stderr: the default hook, and the fallback when the host's hook fails. */
export function writeToStderr(letter: DeadLetter, hookError?: unknown): void {
  const line = {
    rollgate: 'dead_letter',
    sink: letter.sink,
    reason: letter.reason,
    ...(letter.error === undefined ? {} : { error: letter.error }),
    ...(hookError === undefined ? {} : { hook_error: errorMessage(hookError) }),
    cloudevent: letter.queued.cloudEvent,
  };
  try {
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } catch {
    // stderr is gone (a closed pipe); nothing is left to write to.
  }
}

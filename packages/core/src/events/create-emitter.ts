// createEmitter: validate once, fan out to one bounded queue per sink, account for every event that is not
// delivered. The order of `emit` matters: validation and queueing happen synchronously in the call, so events
// reach each sink in the order they were emitted even when the caller does not await.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import { createDeadLetterPath } from './dead-letter.js';
import { createDropCounter } from './dropped-metric.js';
import { toQueuedEvent } from './envelope.js';
import { resolveEmitterOptions } from './options.js';
import { SinkQueue } from './sink-queue.js';
import type { CloseOptions, EmitResult, Emitter, EmitterOptions, SinkOutcome } from './types.js';

const CLOSE_OPTION_KEYS = Object.keys({ timeoutMs: true } satisfies Record<keyof CloseOptions, true>);

/**
 * Creates an emitter that checks each event against the contract, then delivers it to every sink through a
 * bounded queue; what a sink cannot deliver goes to the dead-letter hook and `rollgate_events_dropped_total`.
 */
export function createEmitter(options: EmitterOptions): Emitter {
  const config = resolveEmitterOptions(options);
  const count = options.metrics === undefined ? undefined : createDropCounter(options.metrics);
  const deadLetter = createDeadLetterPath(config.deadLetter, count);
  const queues = config.sinks.map(
    (sink) =>
      new SinkQueue(sink, config.queueSize, (queued, reason, error) =>
        deadLetter(sink.name, queued, reason, error),
      ),
  );
  let closing: Promise<void> | undefined;

  function emit(input: unknown): Promise<EmitResult> {
    const read = toQueuedEvent(input, config);
    if (!read.ok) return Promise.resolve(read);
    const queued = read.value;
    if (closing !== undefined) {
      // Late events are still accounted for, and the caller hears about it.
      for (const queue of queues) deadLetter(queue.sink.name, queued, 'closed');
      return Promise.reject(rollgateError('ROLLGATE_ERR_EMITTER_CLOSED', queued.event.type));
    }
    const outcomes = queues.map(async (queue): Promise<[string, SinkOutcome]> => {
      const ended = queue.offer(queued);
      if (ended === undefined) return [queue.sink.name, 'dead_lettered'];
      if (queue.sink.acknowledge === 'queued') return [queue.sink.name, 'queued'];
      return [queue.sink.name, await ended];
    });
    return Promise.all(outcomes).then((pairs) => ({
      ok: true,
      value: { id: queued.id, sinks: Object.fromEntries(pairs) },
    }));
  }

  async function flush(): Promise<void> {
    await Promise.all(queues.map((queue) => queue.flush()));
  }

  async function drain(timeoutMs: number | undefined): Promise<void> {
    const drained = flush();
    if (timeoutMs !== undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
      });
      const ended = await Promise.race([drained.then(() => 'drained' as const), late]);
      clearTimeout(timer);
      if (ended === 'late') for (const queue of queues) queue.giveUp();
    }
    await drained;
    const closed = await Promise.allSettled(queues.map((queue) => queue.sink.close?.()));
    const failed = closed.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  return {
    emit,
    flush,
    close(closeOptions: CloseOptions = {}) {
      try {
        rejectUnknownOptions(closeOptions, CLOSE_OPTION_KEYS, 'emitter.close');
      } catch (error) {
        return Promise.reject(error);
      }
      const timeoutMs = closeOptions.timeoutMs;
      if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 0))) {
        return Promise.reject(
          rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'timeoutMs', 'expected zero or a positive number'),
        );
      }
      closing ??= drain(timeoutMs);
      return closing;
    },
  };
}

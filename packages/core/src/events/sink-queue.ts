// One sink's bounded queue and its single worker: events leave in emit order, in batches of the sink's size,
// and each one ends delivered or dead-lettered, never neither.

import { errorMessage } from '@rollgate/contract/errors';
import { DROP_REASONS, type DropReason, type EventSink, type QueuedEvent } from './types.js';

/** How one queued event ended. */
export type QueueOutcome = 'delivered' | 'dead_lettered';

/** Hands an undelivered event to the dead-letter path (hook + counter). */
export type DropHandler = (queued: QueuedEvent, reason: DropReason, error?: string) => void;

interface Pending {
  readonly queued: QueuedEvent;
  readonly seq: number;
  readonly done: (outcome: QueueOutcome) => void;
}

/** A sink behind a bounded FIFO queue with one worker. */
export class SinkQueue {
  private readonly items: Pending[] = [];
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private readonly abort = new AbortController();
  private readonly batchSize: number;
  private nextSeq = 0;
  private settledThrough = -1;
  private running = false;

  constructor(
    readonly sink: EventSink,
    private readonly capacity: number,
    private readonly drop: DropHandler,
  ) {
    const size = sink.batchSize ?? 1;
    this.batchSize = Number.isInteger(size) && size > 0 ? size : 1;
  }

  /** Queues an event; the promise says how it ended. A full queue dead-letters it at once and answers undefined. */
  offer(queued: QueuedEvent): Promise<QueueOutcome> | undefined {
    if (this.items.length >= this.capacity) {
      this.drop(queued, 'queue_full');
      return undefined;
    }
    return new Promise<QueueOutcome>((done) => {
      this.items.push({ queued, seq: this.nextSeq++, done });
      if (!this.running) void this.run();
    });
  }

  /** Resolves when everything offered before this call has ended. */
  flush(): Promise<void> {
    const seq = this.nextSeq - 1;
    if (this.settledThrough >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** Gives up: the batch in flight, then everything still queued, are dead-lettered as `closed`, in order. */
  giveUp(): void {
    this.abort.abort();
    // A running worker ends its in-flight batch first and then drops the rest itself, keeping the order.
    if (!this.running) this.dropRest();
  }

  private dropRest(): void {
    const left = this.items.splice(0);
    for (const pending of left) this.finish(pending, 'closed');
    if (left.length > 0) this.settle(left[left.length - 1]?.seq ?? -1);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.items.length > 0 && !this.abort.signal.aborted) {
        const batch = this.items.splice(0, this.batchSize);
        const failure = await this.deliver(batch.map((pending) => pending.queued));
        for (const pending of batch) {
          if (failure === undefined) pending.done('delivered');
          else this.finish(pending, failure.reason, failure.error);
        }
        this.settle(batch[batch.length - 1]?.seq ?? -1);
      }
    } finally {
      this.running = false;
    }
    if (this.abort.signal.aborted) this.dropRest();
  }

  // Races the sink against giveUp(): a sink that ignores its signal must not hold close() past its deadline.
  private async deliver(
    batch: readonly QueuedEvent[],
  ): Promise<{ reason: DropReason; error?: string } | undefined> {
    const signal = this.abort.signal;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const delivered = Promise.resolve()
        .then(() => this.sink.deliver(batch, signal))
        .then(() => 'delivered' as const);
      const ended = await Promise.race([delivered, aborted]);
      return ended === 'delivered'
        ? undefined
        : { reason: 'closed', error: 'emitter closed before delivery' };
    } catch (error) {
      if (signal.aborted) return { reason: 'closed', error: errorMessage(error) };
      return { reason: reasonOf(error), error: errorMessage(error) };
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  private finish(pending: Pending, reason: DropReason, error?: string): void {
    this.drop(pending.queued, reason, error);
    pending.done('dead_lettered');
  }

  private settle(seq: number): void {
    if (seq > this.settledThrough) this.settledThrough = seq;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && waiter.seq <= this.settledThrough) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}

function reasonOf(error: unknown): DropReason {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return DROP_REASONS.includes(reason as DropReason) ? (reason as DropReason) : 'failed';
}

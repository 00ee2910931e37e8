// JSON lines to a writable stream the host owns (stdout, a socket, a pipe to a log shipper).
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../../errors.js';
import type { EventSink } from '../types.js';
import { toJsonLines } from './json-line.js';

/** The part of a Node writable stream the sink uses. */
export interface WritableLike {
  /** Node's `stream.write(chunk, callback)`: the callback runs once the chunk is handed on, with an error if not. */
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/** Options of `streamSink()`. */
export interface StreamSinkOptions {
  /** Where lines go, e.g. `process.stdout`. The host owns it: `close()` does not end it. */
  stream: WritableLike;
  /** Sink name (default `stream`). */
  name?: string;
  /** Most events written at once (default 100). */
  batchSize?: number;
}

const KEYS = Object.keys({ stream: true, name: true, batchSize: true } satisfies Record<
  keyof StreamSinkOptions,
  true
>);

/**
 * JSON lines (one CloudEvent per line) to a stream. Acknowledged once the stream's write callback ran: the bytes
 * were handed on (to the OS for files, pipes and sockets), not made durable.
 */
export function streamSink(options: StreamSinkOptions): EventSink {
  rejectUnknownOptions(options, KEYS, 'streamSink');
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1))
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'batchSize', 'expected an integer of at least 1');
  const { stream } = options;
  if (typeof stream?.write !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'stream', 'expected a writable stream');
  }
  return {
    name: options.name ?? 'stream',
    acknowledge: 'delivered',
    batchSize: options.batchSize ?? 100,
    deliver(batch) {
      return new Promise<void>((resolve, reject) => {
        stream.write(toJsonLines(batch), (error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

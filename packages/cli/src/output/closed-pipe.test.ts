import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { survivePipeClose } from './closed-pipe.js';

const failure = (code: string, message = code) => Object.assign(new Error(message), { code });

/** A stream watched by survivePipeClose, with what it reported and how many failures it counted. */
function watched() {
  const stream = new EventEmitter();
  const seen = { reported: [] as string[], failed: 0 };
  survivePipeClose(
    stream,
    (message) => seen.reported.push(message),
    () => seen.failed++,
  );
  return { stream, seen };
}

describe('survivePipeClose', () => {
  it('ends the output quietly when the reader has gone', () => {
    const { stream, seen } = watched();
    stream.emit('error', failure('EPIPE'));
    stream.emit('error', failure('ERR_STREAM_DESTROYED'));
    expect(seen).toEqual({ reported: [], failed: 0 });
  });

  it('reports any other write error once and marks the run failed each time', () => {
    const { stream, seen } = watched();
    stream.emit('error', failure('ENOSPC', 'no space left on device'));
    stream.emit('error', failure('ENOSPC', 'no space left on device'));
    expect(seen).toEqual({
      reported: ['rollgate: cannot write the output: no space left on device\n'],
      failed: 2,
    });
  });
});

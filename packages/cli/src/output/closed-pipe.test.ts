import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { survivePipeClose } from './closed-pipe.js';

const failure = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('survivePipeClose', () => {
  it('ends the output quietly when the reader has gone', () => {
    const stream = new EventEmitter();
    const reported: string[] = [];
    let failed = 0;
    survivePipeClose(
      stream,
      (m) => reported.push(m),
      () => failed++,
    );
    stream.emit('error', failure('EPIPE'));
    stream.emit('error', failure('ERR_STREAM_DESTROYED'));
    expect({ reported, failed }).toEqual({ reported: [], failed: 0 });
  });

  it('reports any other write error once and marks the run failed each time', () => {
    const stream = new EventEmitter();
    const reported: string[] = [];
    let failed = 0;
    survivePipeClose(
      stream,
      (m) => reported.push(m),
      () => failed++,
    );
    stream.emit('error', failure('ENOSPC', 'no space left on device'));
    stream.emit('error', failure('ENOSPC', 'no space left on device'));
    expect(reported).toEqual(['rollgate: cannot write the output: no space left on device\n']);
    expect(failed).toBe(2);
  });
});

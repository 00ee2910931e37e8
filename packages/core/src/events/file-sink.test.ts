import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmitter } from './create-emitter.js';
import { fileSink } from './sinks/file-sink.js';
import { streamSink } from './sinks/stream-sink.js';
import { deadLetters, healthFailed } from './test-kit.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollgate-file-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean);

describe('file sink', () => {
  it('appends one CloudEvent per line; emit resolves once the line is written and fsynced', async () => {
    const path = join(dir, 'events.jsonl');
    const emitter = createEmitter({ sinks: [fileSink({ path })] });
    const first = await emitter.emit(healthFailed(1));
    expect(first).toMatchObject({ ok: true, value: { sinks: { file: 'delivered' } } });
    // Already on disk when emit resolved, before any flush or close.
    expect((await lines(path)).map((line) => JSON.parse(line).data)).toEqual([healthFailed(1)]);
    await Promise.all([2, 3, 4].map((n) => emitter.emit(healthFailed(n))));
    await emitter.close();
    const written = (await lines(path)).map((line) => JSON.parse(line));
    expect(written.map((e) => e.data)).toEqual([1, 2, 3, 4].map((n) => healthFailed(n)));
    expect(written.map((e) => e.id)).toEqual([...new Set(written.map((e) => e.id))]);
  });

  it('a torn last line (a process killed mid-write) stays alone: the next event starts on a new line', async () => {
    const path = join(dir, 'events.jsonl');
    await writeFile(path, `${JSON.stringify({ id: 'whole' })}\n{"id":"tor`);
    const emitter = createEmitter({ sinks: [fileSink({ path, fsync: 'never' })] });
    await emitter.emit(healthFailed(1));
    await emitter.close();
    const all = await lines(path);
    expect(all).toHaveLength(3);
    expect(all[1]).toBe('{"id":"tor');
    expect(JSON.parse(all[2] ?? '').data).toEqual(healthFailed(1));
  });

  it('a file that cannot be opened dead-letters the event as failed, and the next batch tries again', async () => {
    const path = join(dir, 'missing-dir', 'events.jsonl');
    const { letters, hook } = deadLetters();
    const emitter = createEmitter({ sinks: [fileSink({ path })], deadLetter: hook });
    expect(await emitter.emit(healthFailed(1))).toMatchObject({
      ok: true,
      value: { sinks: { file: 'dead_lettered' } },
    });
    expect(letters).toMatchObject([{ sink: 'file', reason: 'failed' }]);
    expect(letters[0]?.error).toContain('ENOENT');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'missing-dir'));
    expect(await emitter.emit(healthFailed(2))).toMatchObject({
      ok: true,
      value: { sinks: { file: 'delivered' } },
    });
    await emitter.close();
    expect(await lines(path)).toHaveLength(1);
  });

  it('setup mistakes are coded', () => {
    expect(() => fileSink({ path: '' })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    expect(() => fileSink({ path: 'x', fsync: 'always' as never })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
  });
});

describe('stream sink', () => {
  it('writes JSON lines to a stream and acknowledges after its write callback', async () => {
    const chunks: string[] = [];
    const stream = {
      write(chunk: string, callback: (error?: Error | null) => void) {
        chunks.push(chunk);
        setImmediate(callback);
        return true;
      },
    };
    const emitter = createEmitter({ sinks: [streamSink({ stream })] });
    await Promise.all([1, 2, 3].map((n) => emitter.emit(healthFailed(n))));
    await emitter.close();
    const written = chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).data);
    expect(written).toEqual([1, 2, 3].map((n) => healthFailed(n)));
  });

  it('a stream that reports a write error dead-letters the batch', async () => {
    const { letters, hook } = deadLetters();
    const stream = {
      write(_chunk: string, callback: (error?: Error | null) => void) {
        callback(new Error('EPIPE'));
        return false;
      },
    };
    const emitter = createEmitter({ sinks: [streamSink({ stream })], deadLetter: hook });
    await emitter.emit(healthFailed(1));
    expect(letters).toMatchObject([{ sink: 'stream', reason: 'failed', error: 'EPIPE' }]);
  });
});

// JSON lines appended to a file, made durable before `emit()` resolves. Events that arrive while one write and
// fsync are in flight go out together in the next (group commit), so durability costs one fsync per batch.
import { type FileHandle, open } from 'node:fs/promises';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../../errors.js';
import type { EventSink } from '../types.js';
import { toJsonLines } from './json-line.js';

/**
 * When the file sink forces data to disk: `batch` (default) fdatasyncs after every batch, before `emit()`
 * resolves; `never` leaves it to the OS (an acknowledged line survives the process being killed, not a power cut).
 */
export type FsyncPolicy = 'batch' | 'never';

/** Options of `fileSink()`. */
export interface FileSinkOptions {
  /** File to append to; created when missing (mode 0600: events may name internal systems). */
  path: string;
  /** Durability policy (default `batch`). */
  fsync?: FsyncPolicy;
  /** Sink name (default `file`). */
  name?: string;
  /** Most events per write and fsync (default 256). */
  batchSize?: number;
}

const KEYS = Object.keys({ path: true, fsync: true, name: true, batchSize: true } satisfies Record<
  keyof FileSinkOptions,
  true
>);

/**
 * JSON lines (one CloudEvent per line) appended to a file. Acknowledged after the write returned and, with the
 * default `fsync: 'batch'`, after fdatasync: a line `emit()` acknowledged survives SIGKILL and a power cut.
 */
export function fileSink(options: FileSinkOptions): EventSink {
  rejectUnknownOptions(options, KEYS, 'fileSink');
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1))
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'batchSize', 'expected an integer of at least 1');
  const { path } = options;
  if (typeof path !== 'string' || path === '') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'path', 'expected a file path');
  }
  const fsync = options.fsync ?? 'batch';
  if (fsync !== 'batch' && fsync !== 'never') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'fsync', "expected 'batch' or 'never'");
  }
  let handle: Promise<FileHandle> | undefined;
  return {
    name: options.name ?? 'file',
    acknowledge: 'delivered',
    batchSize: options.batchSize ?? 256,
    async deliver(batch) {
      handle ??= openForAppend(path);
      const file = await handle.catch((error: unknown) => {
        handle = undefined; // the next batch tries to open again (the directory may appear)
        throw error;
      });
      // appendFile loops until every byte is written, so a line is never half-written by a short write.
      await file.appendFile(toJsonLines(batch), 'utf8');
      if (fsync === 'batch') await file.datasync();
    },
    async close() {
      const opened = handle;
      handle = undefined;
      if (opened) await (await opened).close();
    },
  };
}

// A process killed mid-write can leave a last line without its newline; start a fresh line so that torn
// tail stays one unparseable line (which readers skip) instead of corrupting the next event.
async function openForAppend(path: string): Promise<FileHandle> {
  const file = await open(path, 'a+', 0o600);
  try {
    const { size } = await file.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await file.appendFile('\n', 'utf8');
    }
    return file;
  } catch (error) {
    await file.close();
    throw error;
  }
}

// An in-memory CliIo for tests: what a command wrote to stdout and stderr, as strings.
import { Readable } from 'node:stream';
import type { CliIo } from '../output/io.js';

/** A CliIo whose streams collect text. */
export interface MemoryIo extends CliIo {
  /** Everything written to stdout. */
  out(): string;
  /** Everything written to stderr. */
  err(): string;
}

/** Builds a MemoryIo; `tty` makes both streams claim to be terminals; `stdin` is what a `-` file reads. */
export function memoryIo(
  options: { tty?: boolean; env?: Record<string, string>; cwd?: string; stdin?: string } = {},
): MemoryIo {
  let out = '';
  let err = '';
  return {
    stdout: { isTTY: options.tty ?? false, write: (text: string) => (out += text) },
    stderr: { isTTY: options.tty ?? false, write: (text: string) => (err += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    out: () => out,
    err: () => err,
  };
}

/** Matches any ANSI escape sequence. */
export const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

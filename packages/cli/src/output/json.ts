import type { CliIo } from './io.js';

/** Writes one JSON document to stdout, indented, with a final newline (what `--json` prints). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

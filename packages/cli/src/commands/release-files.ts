// Reading the documents the release commands share (a contract document of a known kind, a DSSE envelope, a key),
// each failure printed as `rollgate <command>: file: path: message` and turned into the command's exit code.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ContractIssue, type ContractKind, type ContractOf, parseContract } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine } from '../output/issues.js';
import { styleFor } from '../output/style.js';

/** A document read and parsed with its kind's schema: the raw data (what was signed) and the parsed value. */
export type DocumentRead<K extends ContractKind> =
  | { ok: true; raw: unknown; value: ContractOf<K> }
  | { ok: false; code: ExitCode };

/** Prints each issue as one line on stderr, prefixed with the command. */
export function printIssues(
  io: CliIo,
  command: string,
  file: string,
  issues: readonly ContractIssue[],
): void {
  const err = styleFor(io.stderr, io);
  for (const issue of issues)
    io.stderr.write(`${err.bad(`rollgate ${command}:`)} ${issueLine(file, issue)}\n`);
}

/** Reads a YAML or JSON document of `kind`: exit 2 when unreadable, 1 when the schema refuses it. */
export async function readDocument<K extends ContractKind>(
  io: CliIo,
  command: string,
  kind: K,
  file: string,
): Promise<DocumentRead<K>> {
  const read = await readDataFile(resolve(io.cwd, file), { maxBytes: DOCUMENT_MAX_BYTES });
  if (!read.ok) {
    printIssues(io, command, file, read.issues);
    return { ok: false, code: EXIT.USAGE };
  }
  const parsed = parseContract(kind, read.value);
  if (!parsed.ok) {
    printIssues(io, command, file, parsed.issues);
    return { ok: false, code: EXIT.INVALID };
  }
  return { ok: true, raw: read.value, value: parsed.value as ContractOf<K> };
}

/** Reads a small text file (a PEM key); undefined after printing why when it cannot. */
export async function readSmallText(io: CliIo, command: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const message = code === 'ENOENT' ? 'file not found' : errorMessage(error);
    printIssues(io, command, file, [{ code: 'unreadable', path: '', message }]);
    return undefined;
  }
}

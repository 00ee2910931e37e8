// `rollgate validate <file…> [--kind K]`: each file (`-`: standard input) read as YAML or JSON, its kind detected,
// and validated with the contract's schema. Exit 0 all valid, 1 any invalid, 2 any unreadable or of unknown kind.
// The contract's lazy entry builds only the schemas of the kinds the files hold, not every kind's as the package
// root does at import.
import { resolve } from 'node:path';
import { CONTRACT_KIND_NAMES, type ContractIssue, parseContractLazy } from '@rollgate/contract/lazy';
import { detectKind } from '../files/detect-kind.js';
import { DOCUMENT_MAX_BYTES, readDataFile, readDataStdin, STDIN_NAME } from '../files/read-data.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine, issuesJson } from '../output/issues.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';

/** Flags of `rollgate validate`. */
export interface ValidateOptions {
  /** Kind of every file, instead of detecting it. */
  kind?: string;
  /** Print one JSON document instead of lines. */
  json?: boolean;
}

/** What validating one file found. */
export interface FileVerdict {
  /** The file as given on the command line. */
  file: string;
  /** The kind it was validated as; null when none could be told. */
  kind: string | null;
  /** `valid`, `invalid` (the schema refused it) or `unreadable` (missing, syntax, unknown kind). */
  status: 'valid' | 'invalid' | 'unreadable';
  /** Every issue found. */
  issues: ContractIssue[];
}

/**
 * Validates one file, or standard input for `-` (given as `io.stdin`; its kind from `--kind` or its `kind`
 * field); never throws.
 */
export async function validateFile(
  given: string,
  cwd: string,
  kindFlag?: string,
  stdin?: CliIo['stdin'],
): Promise<FileVerdict> {
  const fromStdin = given === '-';
  const file = fromStdin ? STDIN_NAME : given;
  const read = fromStdin
    ? await readDataStdin(stdin, { maxBytes: DOCUMENT_MAX_BYTES })
    : await readDataFile(resolve(cwd, file), { maxBytes: DOCUMENT_MAX_BYTES });
  if (!read.ok) return { file, kind: null, status: 'unreadable', issues: read.issues };
  const detected = detectKind(file, read.value, CONTRACT_KIND_NAMES, kindFlag);
  if (!detected.ok)
    return {
      file,
      kind: null,
      status: 'unreadable',
      issues: [{ code: 'unknown_kind', path: '', message: detected.message }],
    };
  const parsed = await parseContractLazy(detected.kind as (typeof CONTRACT_KIND_NAMES)[number], read.value);
  return parsed.ok
    ? { file, kind: detected.kind, status: 'valid', issues: [] }
    : { file, kind: detected.kind, status: 'invalid', issues: parsed.issues };
}

/** Exit code of a set of verdicts: 2 if any file is unreadable, else 1 if any is invalid, else 0. */
export function validateExitCode(verdicts: readonly FileVerdict[]): ExitCode {
  if (verdicts.some((v) => v.status === 'unreadable')) return EXIT.USAGE;
  if (verdicts.some((v) => v.status === 'invalid')) return EXIT.INVALID;
  return EXIT.OK;
}

/** Runs `rollgate validate`. */
export async function validateCommand(
  files: readonly string[],
  options: ValidateOptions,
  io: CliIo,
): Promise<ExitCode> {
  const verdicts: FileVerdict[] = [];
  let stdinRead = false;
  for (const file of files) {
    if (file === '-' && stdinRead) {
      // Standard input has been read to its end: a second `-` has nothing left to validate.
      const issue = {
        code: 'unreadable',
        path: '',
        message: 'standard input was already read (give - once)',
      };
      verdicts.push({ file: STDIN_NAME, kind: null, status: 'unreadable', issues: [issue] });
      continue;
    }
    stdinRead ||= file === '-';
    verdicts.push(await validateFile(file, io.cwd, options.kind, io.stdin));
  }
  const code = validateExitCode(verdicts);
  if (options.json) {
    printJson(io, {
      valid: code === EXIT.OK,
      files: verdicts.map((v) => ({
        file: v.file,
        kind: v.kind,
        status: v.status,
        issues: issuesJson(v.file, v.issues),
      })),
    });
    return code;
  }
  const out = styleFor(io.stdout, io);
  const err = styleFor(io.stderr, io);
  for (const v of verdicts) {
    if (v.status === 'valid') {
      io.stdout.write(`${out.good('✓')} ${v.file} ${out.dim(v.kind ?? '')}\n`);
    } else if (v.status === 'invalid') {
      const count = `${v.issues.length} issue${v.issues.length === 1 ? '' : 's'}`;
      io.stdout.write(`${out.bad('✗')} ${v.file} ${out.dim(`${v.kind}: ${count}`)}\n`);
      for (const issue of v.issues) io.stdout.write(`${issueLine(v.file, issue)}\n`);
    } else {
      for (const issue of v.issues)
        io.stderr.write(`${err.bad('rollgate validate:')} ${issueLine(v.file, issue)}\n`);
    }
  }
  return code;
}

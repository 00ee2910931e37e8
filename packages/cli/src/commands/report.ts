// `rollgate report --from report.json [--notes notes.md] [--output release_report.md]`: the contract's
// ReleaseReport as the front matter of a `release_report.md`, the notes below it. The report is validated before
// anything is written, and the file is written atomically. Exit 0 written, 1 the report is invalid, 2 unreadable.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { renderReleaseReport } from '@rollgate/contract/files';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { writeOutputFile } from '../files/write-output.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine, issuesJson } from '../output/issues.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';

/** Flags of `rollgate report`. */
export interface ReportOptions {
  /** The ReleaseReport, JSON or YAML. */
  from: string;
  /** Markdown notes placed after the front matter. */
  notes?: string;
  /** Where to write `release_report.md`; stdout when absent. */
  output?: string;
  /** Print `{ written, output, report, issues }` as JSON instead of a line. */
  json?: boolean;
}

async function readNotes(
  file: string,
  io: CliIo,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const text = await readFile(resolve(io.cwd, file), 'utf8');
    if (Buffer.byteLength(text) > DOCUMENT_MAX_BYTES)
      return { ok: false, message: `file is larger than ${DOCUMENT_MAX_BYTES} bytes` };
    // The report adds its own final newline; notes ending in one would gain an empty line per round.
    return { ok: true, text: text.replace(/\r?\n$/, '') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return { ok: false, message: code === 'ENOENT' ? 'file not found' : 'cannot read the file' };
  }
}

/** Runs `rollgate report`. */
export async function reportCommand(options: ReportOptions, io: CliIo): Promise<ExitCode> {
  const err = styleFor(io.stderr, io);
  const read = await readDataFile(resolve(io.cwd, options.from), { maxBytes: DOCUMENT_MAX_BYTES });
  if (!read.ok) {
    for (const issue of read.issues)
      io.stderr.write(`${err.bad('rollgate report:')} ${issueLine(options.from, issue)}\n`);
    return EXIT.USAGE;
  }
  const parsed = parseContract('release-report', read.value);
  if (!parsed.ok) {
    if (options.json) {
      printJson(io, {
        written: false,
        output: options.output ?? null,
        issues: issuesJson(options.from, parsed.issues),
      });
    } else {
      for (const issue of parsed.issues)
        io.stderr.write(`${err.bad('rollgate report:')} ${issueLine(options.from, issue)}\n`);
    }
    return EXIT.INVALID;
  }
  let notes = '';
  if (options.notes !== undefined) {
    const read = await readNotes(options.notes, io);
    if (!read.ok) {
      io.stderr.write(`${err.bad('rollgate report:')} ${options.notes}: ${read.message}\n`);
      return EXIT.USAGE;
    }
    notes = read.text;
  }
  const text = renderReleaseReport(parsed.value, notes);
  if (options.output === undefined) {
    io.stdout.write(text);
    return EXIT.OK;
  }
  await writeOutputFile(resolve(io.cwd, options.output), text);
  if (options.json) {
    printJson(io, { written: true, output: options.output, report: parsed.value, issues: [] });
  } else {
    const out = styleFor(io.stdout, io);
    const r = parsed.value;
    io.stdout.write(
      `${out.good('✓')} ${options.output} ${out.dim(`release-report: ${r.status}, ${r.env} ${r.version}`)}\n`,
    );
  }
  return EXIT.OK;
}

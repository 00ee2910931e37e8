// Reads one YAML or JSON file into plain data, never throwing: a missing file, a directory, an oversized file and
// a syntax error all come back as one issue naming the file. Schemas are not this file's job.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ContractIssue, ParseResult } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';

/** Options of `readDataFile`. */
export interface ReadDataOptions {
  /** Refuse larger files (bytes). Documents: 1 MiB, as the contract; sample files may be larger. */
  maxBytes: number;
  /** Force a format; otherwise `.json` is JSON, `.md` front-matter Markdown and anything else YAML. */
  format?: DataFormat;
}

/** How a file's text holds its data: JSON, YAML, or YAML front matter atop Markdown (`release_report.md`). */
export type DataFormat = 'json' | 'yaml' | 'markdown';

/** Upper bound on a contract document file, the contract's own default. */
export const DOCUMENT_MAX_BYTES = 1024 * 1024;
/** Upper bound on a samples file: a day of 15 s samples for a few dozen metrics fits easily. */
export const SAMPLES_MAX_BYTES = 64 * 1024 * 1024;

function failure(file: string, code: string, message: string): ParseResult<unknown> {
  const issue: ContractIssue = { code, path: '', message, file };
  return { ok: false, issues: [issue] };
}

/** The file's format by its extension: `.json` is JSON, `.md`/`.markdown` front-matter Markdown, anything else YAML. */
export function formatOf(file: string): DataFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'yaml';
}

/** Parses YAML or JSON text; a syntax error is an issue with the format and the parser's first line. */
export async function parseDataText(
  text: string,
  file: string,
  format: DataFormat,
): Promise<ParseResult<unknown>> {
  try {
    if (format === 'json') return { ok: true, value: JSON.parse(text) as unknown };
    let yamlText = text;
    if (format === 'markdown') {
      // A Markdown file's data is its front matter; read as plain YAML it would be "multiple documents".
      const { FRONT_MATTER_CODES, splitFrontMatter } = await import('@rollgate/contract/files');
      const parts = splitFrontMatter(text);
      if (parts === null)
        return failure(
          file,
          FRONT_MATTER_CODES.missing,
          'expected YAML front matter: a first line "---", the document, then a closing "---" line',
        );
      yamlText = parts.frontMatter;
    }
    // yaml loads only for YAML files, so a JSON-only run never pays for it.
    const { parseDocument } = await import('./yaml-parser.js');
    const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true, strict: true });
    const first = doc.errors[0];
    if (first) return failure(file, 'syntax', `YAML: ${first.message.split('\n')[0]}`);
    // Bounded aliases: a billion-laughs file is refused, not expanded.
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    const message = errorMessage(error);
    return failure(file, 'syntax', `${format === 'json' ? 'JSON' : 'YAML'}: ${message.split('\n')[0]}`);
  }
}

/** Reads and parses one YAML or JSON file. */
export async function readDataFile(file: string, options: ReadDataOptions): Promise<ParseResult<unknown>> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return failure(file, 'not_a_file', 'not a file');
    if (info.size > options.maxBytes)
      return failure(file, 'too_large', `file is ${info.size} bytes; the limit is ${options.maxBytes}`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    return failure(file, 'unreadable', message);
  }
  return parseDataText(text, file, options.format ?? formatOf(file));
}

/** The name a document read from standard input goes by in messages (`stdin: path: message`). */
export const STDIN_NAME = 'stdin';

/**
 * Reads and parses a document from standard input (a file given as `-`): YAML, which also reads JSON. Stops
 * reading past `maxBytes`, so an endless producer is refused, not buffered.
 */
export async function readDataStdin(
  stdin: AsyncIterable<string | Uint8Array> | undefined,
  options: ReadDataOptions,
): Promise<ParseResult<unknown>> {
  if (stdin === undefined) return failure(STDIN_NAME, 'unreadable', 'no standard input to read');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      size += bytes.length;
      if (size > options.maxBytes)
        return failure(STDIN_NAME, 'too_large', `over the limit of ${options.maxBytes} bytes`);
      chunks.push(bytes);
    }
  } catch (error) {
    return failure(STDIN_NAME, 'unreadable', errorMessage(error));
  }
  return parseDataText(Buffer.concat(chunks).toString('utf8'), STDIN_NAME, options.format ?? 'yaml');
}

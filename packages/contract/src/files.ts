import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { errorMessage } from './errors/describe-value.js';
import type { ContractKind, ContractOf } from './kinds.js';
import type { ContractIssue, ParseResult } from './parse/issues.js';
import { DEFAULT_LIMITS } from './parse/limits.js';
import { type ParseOptions, parseContract } from './parse/parse-contract.js';
import { FRONT_MATTER_CODES } from './report/codes.js';
import { splitFrontMatter } from './report/front-matter.js';

/** A file's format by its extension: `.json` JSON, `.md`/`.markdown` front-matter Markdown, anything else YAML. */
export function formatOfPath(path: string): 'json' | 'yaml' | 'markdown' {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'yaml';
}

/** Options of `loadContract` and `parseContractText`. */
export interface LoadOptions extends ParseOptions {
  /**
   * Force a format; otherwise `.json` files are JSON, `.md` files Markdown whose YAML front matter is the document
   * (a `release_report.md`), and everything else YAML (a superset of JSON).
   */
  format?: 'json' | 'yaml' | 'markdown';
}

/**
 * Parses YAML or JSON text as a document of the given kind, with `parseContract`'s result shape.
 * YAML anchors are bounded (100 alias expansions) so a hostile file cannot explode in memory.
 */
export function parseContractText<K extends ContractKind>(
  kind: K,
  text: string,
  options: LoadOptions & { file?: string } = {},
): ParseResult<ContractOf<K>> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const withFile = (issues: ContractIssue[]) =>
    options.file === undefined ? issues : issues.map((i) => ({ ...i, file: options.file }));
  if (text.length > maxBytes) {
    return {
      ok: false,
      issues: withFile([{ path: '', code: 'too_large', message: `file is larger than ${maxBytes} bytes` }]),
    };
  }
  let value: unknown;
  try {
    let yamlText = text;
    if (options.format === 'markdown') {
      const parts = splitFrontMatter(text);
      if (parts === null) {
        const message =
          'expected YAML front matter: a first line "---", the document, then a closing "---" line';
        return { ok: false, issues: withFile([{ path: '', code: FRONT_MATTER_CODES.missing, message }]) };
      }
      yamlText = parts.frontMatter;
    }
    if (options.format === 'json') {
      value = JSON.parse(text);
    } else {
      const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true, strict: true });
      if (doc.errors.length > 0) {
        return {
          ok: false,
          issues: withFile(
            doc.errors.map((e) => ({
              path: '',
              code: 'syntax',
              message: `YAML: ${e.message.split('\n')[0]}`,
            })),
          ),
        };
      }
      value = doc.toJS({ maxAliasCount: 100 });
    }
  } catch (error) {
    const message = errorMessage(error);
    return {
      ok: false,
      issues: withFile([
        { path: '', code: 'syntax', message: `${options.format === 'json' ? 'JSON' : 'YAML'}: ${message}` },
      ]),
    };
  }
  const result = parseContract(kind, value, { limits: options.limits, profile: options.profile });
  return result.ok ? result : { ok: false, issues: withFile(result.issues) };
}

/**
 * Reads a YAML or JSON file and validates it as a document of the given kind. Never throws: a
 * missing file, a syntax error or an oversized file come back as issues naming the file.
 */
export async function loadContract<K extends ContractKind>(
  kind: K,
  path: string,
  options: LoadOptions = {},
): Promise<ParseResult<ContractOf<K>>> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  try {
    const info = await stat(path);
    if (!info.isFile())
      return {
        ok: false,
        issues: [{ path: '', code: 'not_a_file', message: `${path} is not a file`, file: path }],
      };
    if (info.size > maxBytes) {
      return {
        ok: false,
        issues: [
          {
            path: '',
            code: 'too_large',
            message: `file is ${info.size} bytes; the limit is ${maxBytes}`,
            file: path,
          },
        ],
      };
    }
    const text = await readFile(path, 'utf8');
    const format = options.format ?? formatOfPath(path);
    return parseContractText(kind, text, { ...options, format, file: path });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const message = code === 'ENOENT' ? 'file not found' : errorMessage(error);
    return { ok: false, issues: [{ path: '', code: 'unreadable', message, file: path }] };
  }
}

export type { ContractIssue, ParseResult } from './parse/issues.js';
export { FRONT_MATTER_CODES } from './report/codes.js';
export { type FrontMatterParts, hasFrontMatter, splitFrontMatter } from './report/front-matter.js';
export { parseReleaseReport, type ReleaseReportFile, renderReleaseReport } from './report/release-report.js';

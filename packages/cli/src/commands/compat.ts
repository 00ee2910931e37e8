// `rollgate compat <old.schema.json> <new.schema.json> [--mode backward|forward|full]`: classifies a schema change
// as Confluent Schema Registry does and lists each change with its document path. Exit 0 compatible in the mode
// asked (default full), 1 not, 2 an unreadable file or a bad --mode.
import { resolve } from 'node:path';
import { breakingChanges, type CompatMode, compareSchemas, isCompatible } from '@rollgate/contract/compat';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { printIssues } from './release-files.js';

/** Flags of `rollgate compat`. */
export interface CompatOptions {
  /** `backward`, `forward` or `full` (default). */
  mode?: string;
  /** Print the report as JSON. */
  json?: boolean;
}

const MODES: readonly CompatMode[] = ['backward', 'forward', 'full'];

// Keywords one of which any schema worth comparing has at its root. Without one, the file is most likely a
// document (a manifest, a policy) given by mistake, whose fields would all read as unknown keywords that changed.
const ROOT_KEYWORDS = [
  '$schema',
  '$ref',
  'type',
  'properties',
  'items',
  'enum',
  'const',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
];

/** True for a boolean schema or an object with a schema keyword at its root. */
function looksLikeSchema(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return ROOT_KEYWORDS.some((keyword) => Object.hasOwn(value, keyword));
}

/** Runs `rollgate compat`. */
export async function compatCommand(
  oldFile: string,
  newFile: string,
  options: CompatOptions,
  io: CliIo,
): Promise<ExitCode> {
  const mode = (options.mode ?? 'full') as CompatMode;
  if (!MODES.includes(mode))
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--mode',
      `expected backward, forward or full, got "${options.mode}"`,
    );
  const schemas: unknown[] = [];
  for (const file of [oldFile, newFile]) {
    const read = await readDataFile(resolve(io.cwd, file), { maxBytes: 8 * DOCUMENT_MAX_BYTES });
    if (!read.ok) {
      printIssues(io, 'compat', file, read.issues);
      return EXIT.USAGE;
    }
    if (!looksLikeSchema(read.value)) {
      printIssues(io, 'compat', file, [
        {
          code: 'not_a_schema',
          path: '',
          message: `not a JSON Schema: its root has none of ${ROOT_KEYWORDS.join(', ')} (rollgate schema --out DIR writes the contract’s)`,
        },
      ]);
      return EXIT.USAGE;
    }
    schemas.push(read.value);
  }
  const report = compareSchemas(schemas[0], schemas[1]);
  const compatible = isCompatible(report, mode);
  const code = compatible ? EXIT.OK : EXIT.INVALID;
  if (options.json) {
    printJson(io, { mode, compatible, ...report });
    return code;
  }
  const style = styleFor(io.stdout, io);
  const verdict = compatible ? style.good(`compatible (${mode})`) : style.bad(`not compatible (${mode})`);
  io.stdout.write(`${style.bold(report.level)} ${verdict}: ${oldFile} → ${newFile}\n`);
  const breaking = new Set(breakingChanges(report, mode));
  for (const change of report.changes) {
    const mark = breaking.has(change) ? style.bad('✗') : style.dim('·');
    const breaks = change.breaks.length === 0 ? 'breaks nothing' : `breaks ${change.breaks.join(' and ')}`;
    io.stdout.write(
      `  ${mark} ${change.path}  ${change.code}: ${change.message} ${style.dim(`(${breaks})`)}\n`,
    );
  }
  return code;
}

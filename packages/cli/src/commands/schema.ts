// `rollgate schema [--out DIR] [--kind K]`: the contract's JSON Schemas (draft 2020-12), the same text as the
// committed packages/contract/schemas/*.json (a contract test keeps those equal to toJSONSchemas()).
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONTRACT_KINDS, type ContractKind, SCHEMA_VERSION, toJSONSchemas } from '@rollgate/contract';
import { normaliseKind } from '../files/detect-kind.js';
import { makeDirectories } from '../files/make-directories.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';

/** Flags of `rollgate schema`. */
export interface SchemaOptions {
  /** Directory to write `<kind>.schema.json` files (and `index.json`) into. */
  out?: string;
  /** Only this kind. */
  kind?: string;
  /** Print JSON (without --kind or --out: every schema keyed by kind). */
  json?: boolean;
}

// The committed files' text: two-space JSON with a final newline.
const fileText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function pickKinds(flag: string | undefined): ContractKind[] {
  if (flag === undefined) return CONTRACT_KINDS;
  const kind = normaliseKind(flag);
  if (!(CONTRACT_KINDS as readonly string[]).includes(kind))
    throw cliError('ROLLGATE_ERR_CLI_UNKNOWN_KIND', '--kind', flag, CONTRACT_KINDS.join(', '));
  return [kind as ContractKind];
}

/** Runs `rollgate schema`. */
export async function schemaCommand(options: SchemaOptions, io: CliIo): Promise<ExitCode> {
  const kinds = pickKinds(options.kind);
  const schemas = toJSONSchemas();
  if (options.out !== undefined) {
    const dir = resolve(io.cwd, options.out);
    const written: string[] = [];
    try {
      makeDirectories(dir);
      for (const kind of kinds) {
        const file = `${kind}.schema.json`;
        await writeFile(join(dir, file), fileText(schemas[kind]));
        written.push(file);
      }
      if (options.kind === undefined) {
        const entries = kinds.map((kind) => ({ kind, file: `${kind}.schema.json`, $id: schemas[kind].$id }));
        const index = {
          schema_version: SCHEMA_VERSION,
          dialect: 'https://json-schema.org/draft/2020-12/schema',
          schemas: entries,
        };
        await writeFile(join(dir, 'index.json'), fileText(index));
        written.push('index.json');
      }
    } catch (error) {
      throw cliError('ROLLGATE_ERR_CLI_CANNOT_WRITE', options.out, (error as Error).message);
    }
    if (options.json) printJson(io, { out: options.out, files: written });
    else
      io.stdout.write(`wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${options.out}\n`);
    return EXIT.OK;
  }
  if (options.kind !== undefined) {
    // One schema is JSON whatever the flags: it is what a pipe into a validator wants.
    io.stdout.write(fileText(schemas[kinds[0] as ContractKind]));
    return EXIT.OK;
  }
  if (options.json) {
    printJson(io, schemas);
    return EXIT.OK;
  }
  const style = styleFor(io.stdout, io);
  io.stdout.write(`JSON Schemas (draft 2020-12), contract ${SCHEMA_VERSION}:\n`);
  for (const kind of kinds) io.stdout.write(`  ${kind.padEnd(22)} ${style.dim(String(schemas[kind].$id))}\n`);
  io.stdout.write(style.dim('Print one with --kind K, write them all with --out DIR.\n'));
  return EXIT.OK;
}

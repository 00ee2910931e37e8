// `rollgate manifest --config release.yml --report readiness_report.json [--artifact NAME=PATH…] --output F`:
// assembles the release manifest, hashing each artifact file as a stream, validates it, then writes it atomically.
// Exit 0 written, 1 an input the contract refuses (nothing written), 2 an unreadable file or a bad flag.
import { createReadStream } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ContractIssue } from '@rollgate/contract';
import { errorMessage } from '@rollgate/contract/errors';
import { assembleManifest, digestStream } from '@rollgate/contract/release';
import { formatTimestamp } from '@rollgate/contract/time';
import { writeOutputFile } from '../files/write-output.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readNow } from './flags.js';
import { printIssues, readDocument } from './release-files.js';

/** Flags of `rollgate manifest`. */
export interface ManifestOptions {
  /** The release config (`release.yml`). */
  config: string;
  /** The readiness report (`readiness_report.json`). */
  report: string;
  /** `NAME=PATH` pairs: the file of each artifact (overrides the config's `path`). */
  artifact: string[];
  /** Where to write the manifest. */
  output: string;
  /** `generated_at`, RFC 3339 (default: now). */
  now?: string;
  /** Print the manifest as JSON on stdout too. */
  json?: boolean;
}

function readArtifactFlags(pairs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--artifact', `expected NAME=PATH, got "${pair}"`);
    const name = pair.slice(0, at);
    if (out.has(name))
      throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--artifact', `"${name}" is given twice`);
    out.set(name, pair.slice(at + 1));
  }
  return out;
}

/** Runs `rollgate manifest`. */
export async function manifestCommand(options: ManifestOptions, io: CliIo): Promise<ExitCode> {
  const flags = readArtifactFlags(options.artifact);
  const now = readNow(options.now, Date.now);
  const config = await readDocument(io, 'manifest', 'release-config', options.config);
  const report = await readDocument(io, 'manifest', 'readiness-report', options.report);
  if (!config.ok || !report.ok)
    return Math.max(config.ok ? 0 : config.code, report.ok ? 0 : report.code) as ExitCode;
  // Config paths are relative to the config file; --artifact paths to the working directory, as a shell reads them.
  const configDir = dirname(resolve(io.cwd, options.config));
  const files = new Map<string, string>();
  for (const a of config.value.artifacts)
    if (a.path !== undefined) files.set(a.name, resolve(configDir, a.path));
  for (const [name, path] of flags) files.set(name, resolve(io.cwd, path));
  const digests: Record<string, string> = {};
  const unreadable: ContractIssue[] = [];
  for (const [name, file] of files) {
    try {
      digests[name] = await digestStream(createReadStream(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      const why = code === 'ENOENT' ? 'file not found' : errorMessage(error);
      unreadable.push({
        code: 'unreadable',
        path: '',
        message: `artifact "${name}": ${relative(io.cwd, file)}: ${why}`,
      });
    }
  }
  if (unreadable.length > 0) {
    printIssues(io, 'manifest', options.config, unreadable);
    return EXIT.USAGE;
  }
  const assembled = assembleManifest({
    config: config.value,
    report: report.value,
    digests,
    generatedAt: formatTimestamp(now.ms, now.offset),
    scorecardPath: options.report,
  });
  if (!assembled.ok) {
    printIssues(io, 'manifest', options.config, assembled.issues);
    return EXIT.INVALID;
  }
  const manifest = assembled.value;
  await writeOutputFile(resolve(io.cwd, options.output), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.json) {
    printJson(io, manifest);
    return EXIT.OK;
  }
  const style = styleFor(io.stdout, io);
  io.stdout.write(
    `${style.good('wrote')} ${options.output}: release ${manifest.release} to ${manifest.metadata.environment}, readiness run ${manifest.readiness_run_id}\n`,
  );
  for (const a of manifest.artifacts)
    io.stdout.write(`  ${a.name.padEnd(20)} ${a.version.padEnd(12)} ${style.dim(a.hash)}\n`);
  return EXIT.OK;
}

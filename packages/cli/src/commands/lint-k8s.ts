// `rollgate lint-k8s <dir|file…> [--readiness-path P] [--drain-delay D] [--shutdown-timeout D] [--json]`: Kubernetes
// manifests against rollgate's endpoints and shutdown. Directories are walked for *.yaml and *.yml (node_modules
// and dot folders skipped). Exit 0 clean, 1 findings, 2 a file or document that cannot be read.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { lintManifests, type ManifestSource, WORKLOAD_KINDS } from '../lint-k8s/index.js';
import type { LintFinding } from '../lint-k8s/types.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readDurationFlag } from './flags.js';

/** Flags of `rollgate lint-k8s`. */
export interface LintK8sFlags {
  /** Path readiness probes must GET (default /readyz). */
  readinessPath?: string;
  /** The service's installShutdown drainDelayMs, as a duration (default the adapters' default). */
  drainDelay?: string;
  /** The service's installShutdown timeoutMs, as a duration (default the adapters' default). */
  shutdownTimeout?: string;
  /** Print `{ clean, findings, issues, skipped, files, workloads }`. */
  json?: boolean;
}

/** Largest manifest file read: far above any real one, so a stray binary is refused, not parsed. */
const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;

async function manifestFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await manifestFiles(child)));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(child);
  }
  return out;
}

function readPathFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\/\S*$/.test(value))
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--readiness-path',
      `expected a path such as /readyz, got "${value}"`,
    );
  return value;
}

function location(f: LintFinding): string {
  const owner = `${f.kind}/${f.name}${f.runBy ? ` (run by ${f.runBy})` : ''}`;
  return `${f.file}#${f.document} ${owner}${f.container ? ` container ${f.container}` : ''}`;
}

/** Runs `rollgate lint-k8s`. */
export async function lintK8sCommand(
  paths: readonly string[],
  flags: LintK8sFlags,
  io: CliIo,
): Promise<ExitCode> {
  const options = {
    ...(flags.readinessPath !== undefined ? { readinessPath: readPathFlag(flags.readinessPath) } : {}),
    ...(flags.drainDelay !== undefined
      ? { drainDelayMs: readDurationFlag('--drain-delay', flags.drainDelay) }
      : {}),
    ...(flags.shutdownTimeout !== undefined
      ? { shutdownTimeoutMs: readDurationFlag('--shutdown-timeout', flags.shutdownTimeout) }
      : {}),
  };
  const err = styleFor(io.stderr, io);
  const sources: ManifestSource[] = [];
  const unreadable: { file: string; code: string; path: string; message: string }[] = [];
  for (const given of paths) {
    let files: string[];
    try {
      files = await manifestFiles(resolve(io.cwd, given));
    } catch {
      unreadable.push({ file: given, code: 'unreadable', path: '', message: 'file not found' });
      continue;
    }
    for (const file of files) {
      const shown = relative(io.cwd, file) || file;
      try {
        const info = await stat(file);
        if (info.size > MANIFEST_MAX_BYTES) {
          unreadable.push({
            file: shown,
            code: 'too_large',
            path: '',
            message: `file is ${info.size} bytes; the limit is ${MANIFEST_MAX_BYTES}`,
          });
          continue;
        }
        sources.push({ file: shown, text: await readFile(file, 'utf8') });
      } catch {
        unreadable.push({ file: shown, code: 'unreadable', path: '', message: 'cannot read the file' });
      }
    }
  }
  const result = lintManifests(sources, options);
  const issues = [...unreadable, ...result.issues];
  const code = issues.length > 0 ? EXIT.USAGE : result.findings.length > 0 ? EXIT.INVALID : EXIT.OK;
  if (flags.json) {
    printJson(io, {
      clean: code === EXIT.OK,
      findings: result.findings,
      issues,
      skipped: result.skipped,
      files: sources.length,
      workloads: result.workloads,
    });
    return code;
  }
  const out = styleFor(io.stdout, io);
  for (const issue of issues)
    io.stderr.write(
      `${err.bad('rollgate lint-k8s:')} ${issue.file}${issue.path ? `: ${issue.path}` : ''}: ${issue.message}\n`,
    );
  for (const s of result.skipped)
    io.stderr.write(
      `${err.warn('note:')} ${s.file}#${s.document} ${s.kind}/${s.name}: ${s.ref} was not given, its pods were not linted\n`,
    );
  for (const f of result.findings) {
    io.stdout.write(`${out.bad('✗')} ${location(f)}\n  ${f.path}: ${f.message} ${out.dim(`[${f.code}]`)}\n`);
  }
  const summary = `${sources.length} file${sources.length === 1 ? '' : 's'}, ${result.workloads} workload${result.workloads === 1 ? '' : 's'}`;
  // A clean run over nothing is most likely a wrong path: say so, without failing a repository that has none yet.
  if (issues.length === 0 && result.workloads === 0)
    io.stderr.write(
      `${err.warn('note:')} no workload (${[...WORKLOAD_KINDS].join(', ')}) was found to lint\n`,
    );
  if (result.findings.length === 0 && issues.length > 0)
    io.stdout.write(
      `${out.bad('✗')} ${issues.length} input${issues.length === 1 ? '' : 's'} could not be linted; no findings in the rest ${out.dim(`(${summary})`)}\n`,
    );
  else if (result.findings.length === 0)
    io.stdout.write(`${out.good('✓')} no findings ${out.dim(`(${summary})`)}\n`);
  else
    io.stdout.write(
      `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} ${out.dim(`(${summary})`)}\n`,
    );
  return code;
}

// `rollgate conformance <url> [--dependency NAME --fail CMD --restore CMD]…`: the readyz conformance kit from a
// shell, against a running service. Each dependency is broken with its --fail command and mended with its
// --restore command (run with a shell, bounded in time). Exit 0 conforms, 1 any check failed, 2 bad flags.
import {
  checkReadyzConformance,
  type DependencyHooks,
  formatConformanceDiff,
} from '@rollgate/readyz/testing';
import { runShellHook } from '../conformance/shell-hook.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readDurationFlag } from './flags.js';

/** Flags of `rollgate conformance`. */
export interface ConformanceFlags {
  /** Dependency names, in order; the n-th pairs with the n-th --fail and --restore. */
  dependency: string[];
  /** Shell commands that break each dependency. */
  fail: string[];
  /** Shell commands that mend each dependency. */
  restore: string[];
  /** Readiness path (default /readyz). */
  readyzPath?: string;
  /** Liveness path (default /livez). */
  livezPath?: string;
  /** Longest wait for 503 after --fail (default 5s). */
  failWithin?: string;
  /** Longest wait for 200 after --restore (default 15s). */
  restoreWithin?: string;
  /** Longest run of one --fail or --restore command (default 60s). */
  hookTimeout?: string;
  /** Print `{ conforms, findings }`. */
  json?: boolean;
}

const DEFAULT_HOOK_TIMEOUT = '60s';

function readUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '<url>', `expected an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '<url>', `expected an http(s) URL, got "${value}"`);
  return value;
}

function readPath(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^\/\S*$/.test(value))
    throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', flag, `expected a path such as /readyz, got "${value}"`);
  return value;
}

function dependencyHooks(flags: ConformanceFlags, io: CliIo): Record<string, DependencyHooks> {
  const { dependency, fail, restore } = flags;
  if (fail.length !== dependency.length || restore.length !== dependency.length)
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--dependency',
      `each --dependency needs one --fail and one --restore (got ${dependency.length}, ${fail.length} and ${restore.length})`,
    );
  const timeoutMs = readDurationFlag('--hook-timeout', flags.hookTimeout ?? DEFAULT_HOOK_TIMEOUT);
  const options = { timeoutMs, cwd: io.cwd, env: io.env };
  const hooks: Record<string, DependencyHooks> = {};
  dependency.forEach((name, i) => {
    if (Object.hasOwn(hooks, name))
      throw cliError('ROLLGATE_ERR_CLI_INVALID_FLAG', '--dependency', `"${name}" is given twice`);
    hooks[name] = {
      fail: () => runShellHook(fail[i] as string, options),
      restore: () => runShellHook(restore[i] as string, options),
    };
  });
  return hooks;
}

/** Runs `rollgate conformance`. */
export async function conformanceCommand(url: string, flags: ConformanceFlags, io: CliIo): Promise<ExitCode> {
  const target = readUrl(url);
  const readyzPath = readPath('--readyz-path', flags.readyzPath);
  const livezPath = readPath('--livez-path', flags.livezPath);
  const dependencies = dependencyHooks(flags, io);
  const findings = await checkReadyzConformance(target, {
    ...(readyzPath !== undefined ? { readyzPath } : {}),
    ...(livezPath !== undefined ? { livezPath } : {}),
    ...(flags.dependency.length > 0 ? { dependencies } : {}),
    ...(flags.failWithin !== undefined
      ? { failWithinMs: readDurationFlag('--fail-within', flags.failWithin) }
      : {}),
    ...(flags.restoreWithin !== undefined
      ? { restoreWithinMs: readDurationFlag('--restore-within', flags.restoreWithin) }
      : {}),
  });
  const conforms = findings.every((f) => f.ok);
  const code = conforms ? EXIT.OK : EXIT.INVALID;
  if (flags.json) {
    printJson(io, { conforms, findings });
    return code;
  }
  const out = styleFor(io.stdout, io);
  for (const f of findings) {
    io.stdout.write(`${f.ok ? out.good('✓') : out.bad('✗')} ${f.check} ${out.dim(f.message)}\n`);
  }
  if (conforms) io.stdout.write(`${out.good('conforms')}: ${findings.length} checks passed\n`);
  else io.stdout.write(`\n${formatConformanceDiff(findings)}\n`);
  return code;
}

import { type ChildProcess, execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INSTALL_COMMAND, POSTGRES_BIN_DIR, requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import {
  resumeTree,
  serverControls,
  signal,
  spawnTracked,
  trackDir,
  waitForExit,
  waitUntil,
} from './processes.js';

const run = promisify(execFile);

/** A real PostgreSQL on 127.0.0.1 with a throwaway data directory, controllable for fault injection. */
export interface PostgresServer {
  /** Port it listens on (stays the same across stop/start). */
  readonly port: number;
  /** `postgres://<user>@127.0.0.1:<port>/postgres` (trust authentication; default user `postgres`). */
  url(user?: string): string;
  /** Runs SQL through psql as the superuser and returns its unaligned, tuples-only output. */
  sql(query: string): Promise<string>;
  /** Fast shutdown (SIGINT) and wait: connections are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory; waits until it accepts connections (no-op while running). */
  start(): Promise<void>;
  /** SIGSTOP the postmaster and every backend: connections hang, queries never answer. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Stops the server and removes the data directory. Safe to call twice. */
  close(): Promise<void>;
}

/** uid/gid of the `postgres` account, which PostgreSQL needs when the tests run as root. */
function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      `PostgreSQL refuses to run as root and there is no \`postgres\` user. Install the server package, which creates it:\n  ${INSTALL_COMMAND}`,
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** initdb + postgres in a temp dir; fails with the install command when the binaries are missing. */
export async function startPostgres(options: { binDir?: string } = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? POSTGRES_BIN_DIR;
  const initdb = requireBinary(join(binDir, 'initdb'));
  const postgres = requireBinary(join(binDir, 'postgres'));
  const psql = requireBinary(join(binDir, 'psql'));
  const pgIsReady = requireBinary(join(binDir, 'pg_isready'));
  const account = postgresAccount();

  const root = mkdtempSync(join(tmpdir(), 'rollgate-pg-'));
  const removeDir = trackDir(root);
  if (account) chownSync(root, account.uid, account.gid);
  const dataDir = join(root, 'data');
  const port = await freePort();
  // cwd must be readable by the postgres user, or initdb complains about the caller's directory.
  const asOwner = { ...account, cwd: root };
  let child: ChildProcess | undefined;
  const spawned = new Set<ChildProcess>();
  let output = '';

  const isReady = async () => {
    try {
      await run(pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-t', '1']);
      return true;
    } catch {
      return false;
    }
  };

  const start = async () => {
    if (child !== undefined) return; // already running
    output = '';
    // Durability is irrelevant for a throwaway cluster; turning it off makes start and writes fast.
    const settings = [
      'listen_addresses=127.0.0.1',
      'unix_socket_directories=',
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=40',
      'shared_buffers=16MB',
    ];
    const args = ['-D', dataDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
    const started = spawnTracked(postgres, args, { ...asOwner, stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.add(started);
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined; // died on its own: start() may run it again
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    started.stdout?.on('data', collect);
    started.stderr?.on('data', collect);
    await waitUntil(
      async () => {
        if (started.exitCode !== null) throw new Error(`postgres exited early:\n${output}`);
        return isReady();
      },
      { timeoutMs: 15_000, intervalMs: 50, describe: () => `postgres did not start on ${port}:\n${output}` },
    );
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (running?.pid === undefined) return;
    resumeTree(running.pid);
    signal(running.pid, 'SIGINT'); // fast shutdown: backends are terminated, not waited for
    await waitForExit(running, 10_000);
  };

  try {
    await run(
      initdb,
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '-N',
        '--no-instructions',
      ],
      asOwner,
    );
    await start();
  } catch (error) {
    await stop();
    removeDir();
    throw error;
  }

  return {
    port,
    url: (user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/postgres`,
    sql: async (query) => {
      const { stdout } = await run(psql, [
        ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'],
        ...['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-c', query],
      ]);
      return stdout.trim();
    },
    start,
    stop,
    ...serverControls(() => child, stop, spawned, removeDir),
  };
}

// Starts chaos-app.mjs in its own node process and keeps what a crash would leave: exit code, signal, stderr.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireFreshBuild } from '../../packages/adapters/tests/apps/built.js';
import { spawnTracked, waitForExit } from '../support/index.js';

/** The clients' internal state, as `/debug/pools` and the exit line report it. */
export interface PoolState {
  readonly pg: { max: number; totalCount: number; idleCount: number; waitingCount: number };
  readonly redis: { status: string; offlineQueue: number; commandQueue: number };
}

/** The running app. */
export interface ChaosApp {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Exit code and signal once it has exited on its own or been stopped; undefined while it runs. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM, wait for the exit, and return the pool state it printed on the way out. */
  stop(): Promise<PoolState | undefined>;
}

const SCRIPT = fileURLToPath(new URL('./chaos-app.mjs', import.meta.url));

/** Spawns the app with `env` (REDIS_URL, PG_URL, heartbeat settings) and waits for its port. */
export async function startChaosApp(env: Record<string, string>): Promise<ChaosApp> {
  requireFreshBuild();
  const child = spawnTracked(process.execPath, [SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exit = { code, signal };
  });
  const lines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { port?: number; exit?: PoolState });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chaos app did not start in 15 s:\n${stderr}`)), 15_000);
    const look = () => {
      const found = lines().find((line) => line.port !== undefined)?.port;
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      } else if (exit !== undefined) {
        clearTimeout(timer);
        reject(new Error(`chaos app exited (${exit.code ?? exit.signal}) before listening:\n${stderr}`));
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', look);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    exited: () => exit,
    stop: async () => {
      if (exit === undefined) child.kill('SIGTERM');
      await waitForExit(child, 10_000);
      return lines().find((line) => line.exit !== undefined)?.exit;
    },
  };
}

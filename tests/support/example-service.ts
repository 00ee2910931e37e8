import { type ChildProcess, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type HttpAnswer, http } from './http.js';
import { freePort } from './ports.js';
import { spawnTracked, waitForExit, waitUntil } from './processes.js';

const run = promisify(execFile);

/** An example service running as a child process. */
export interface ExampleService {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** GET a path of the service. */
  get(path: string): Promise<HttpAnswer>;
  /** Sends SIGTERM, reads /readyz once during the drain, and waits for the exit. */
  terminate(): Promise<{ code: number | null; readinessDuringDrain: number | undefined }>;
  /** Kills it if still running. */
  stop(): Promise<void>;
  /** What it printed so far. */
  output(): string;
}

/** Short timings so a test sees failures, drains and exits quickly. */
const TEST_ENV = {
  HOST: '127.0.0.1',
  PROBE_TIMEOUT_MS: '300',
  DRAIN_DELAY_MS: '300',
  SHUTDOWN_TIMEOUT_MS: '3000',
};

/**
 * Builds an example (its `build` script, as `start` does) and runs `node dist/server.js` with `env`
 * plus a free PORT, then waits until /livez answers. Fails with the fix when the example's
 * dependencies are not installed (it is a workspace package: `pnpm install` at the root).
 */
export async function startExample(dir: URL, env: Record<string, string>): Promise<ExampleService> {
  const cwd = fileURLToPath(dir);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name: string };
  if (!existsSync(join(cwd, 'node_modules', '@rollgate', 'adapters'))) {
    throw new Error(`${manifest.name} has no node_modules: run \`pnpm install\` at the workspace root`);
  }
  await run('pnpm', ['run', '--silent', 'build'], { cwd });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawnTracked(process.execPath, ['dist/server.js'], {
    cwd,
    env: { ...process.env, ...TEST_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`${manifest.name} exited early:\n${output}`);
      return http(`${url}/livez`, { timeoutMs: 1_000 }).then(
        (answer) => answer.status === 200,
        () => false,
      );
    },
    { timeoutMs: 20_000, intervalMs: 100, describe: () => `${manifest.name} did not start:\n${output}` },
  );

  return {
    url,
    get: (path) => http(`${url}${path}`),
    terminate: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const readinessDuringDrain = await http(`${url}/readyz`).then(
        (answer) => answer.status,
        () => undefined,
      );
      return { code: await exited, readinessDuringDrain };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await waitForExit(child);
    },
    output: () => output,
  };
}

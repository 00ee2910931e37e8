// A dependency hook of `rollgate conformance` is a shell command (`docker pause redis`, `systemctl stop …`). It runs
// in its own process group so a timeout ends the command and everything it started, and only the tail of its
// output is kept: a chatty command cannot fill memory, and a failure still says why.
import { spawn } from 'node:child_process';

/** Bytes of a command's combined output kept for the failure message. */
const OUTPUT_TAIL_BYTES = 2048;

/** Options of `runShellHook`. */
export interface ShellHookOptions {
  /** Kill the command (and its process group) after this long. */
  timeoutMs: number;
  /** Directory the command runs in. */
  cwd: string;
  /** Environment of the command. */
  env: Readonly<Record<string, string | undefined>>;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}

/** Runs `command` with a shell; resolves when it exits 0, rejects naming the exit code or the timeout otherwise. */
export function runShellHook(command: string, options: ShellHookOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
    };
    const child = spawn(command, {
      shell: true,
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`"${command}" could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`"${command}" did not finish within ${options.timeoutMs} ms`));
      else if (code === 0) resolve();
      else {
        const why = lastLine(tail);
        reject(new Error(`"${command}" exited ${code ?? signal}${why ? `: ${why}` : ''}`));
      }
    });
  });
}

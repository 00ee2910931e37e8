import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

// Every server the harness starts, and its temp directory, is tracked here. Tests close their
// servers in afterAll; as a second line, if the process exits with any still running (a crashed
// run), the 'exit' hook kills them and removes the directories.
const live = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanUpSync);
}

function cleanUpSync(): void {
  for (const child of live) {
    if (child.pid === undefined) continue;
    for (const pid of [...descendants(child.pid), child.pid]) {
      signal(pid, 'SIGCONT');
      signal(pid, 'SIGKILL');
    }
  }
  live.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

/** Registers a temp directory to remove at exit if the test has not removed it by then. */
export function trackDir(dir: string): () => void {
  hook();
  dirs.add(dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };
}

/** Spawns a long-running server process that is killed when this process exits, whatever happens. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  hook();
  const child = spawn(command, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Sends a signal, ignoring a process that is already gone. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Pids of every process below `pid`, read from /proc. Needed because PostgreSQL backends call
 * setsid(): a signal to the postmaster's process group does not reach them.
 */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were reading
    }
    // Field 4 is the ppid; field 2 (comm) may contain spaces, so parse after its closing paren.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const children = parents.get(ppid) ?? [];
    children.push(Number(entry));
    parents.set(ppid, children);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const child of parents.get(next) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Stops (SIGSTOP) a process and all its descendants: the process is alive but answers nothing. */
export function pauseTree(pid: number): void {
  signal(pid, 'SIGSTOP');
  for (const child of descendants(pid)) signal(child, 'SIGSTOP');
}

/** Resumes (SIGCONT) a process tree paused by pauseTree. */
export function resumeTree(pid: number): void {
  for (const child of descendants(pid)) signal(child, 'SIGCONT');
  signal(pid, 'SIGCONT');
}

/** Resolves when the child has exited; sends SIGKILL if it is still alive after `graceMs`. */
export function waitForExit(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        signal(child.pid, 'SIGCONT');
        signal(child.pid, 'SIGKILL');
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Polls `ready` every `intervalMs` until it resolves true, or rejects with `describe()` after `timeoutMs`. */
export async function waitUntil(
  ready: () => Promise<boolean>,
  {
    timeoutMs,
    intervalMs = 25,
    describe,
  }: { timeoutMs: number; intervalMs?: number; describe: () => string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(describe());
}

/** SIGKILLs (after SIGCONT) every child still alive and waits for them: the last line of close(). */
export async function killAll(children: Iterable<ChildProcess>): Promise<void> {
  const alive = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of alive) {
    if (child.pid === undefined) continue;
    resumeTree(child.pid);
    for (const pid of [...descendants(child.pid), child.pid]) signal(pid, 'SIGKILL');
  }
  await Promise.all(alive.map((child) => waitForExit(child)));
}

/** The pause, resume and close controls both real-server harnesses share, over the server's current process. */
export function serverControls(
  current: () => ChildProcess | undefined,
  stop: () => Promise<void>,
  spawned: Iterable<ChildProcess>,
  removeDir: () => void,
): { pause(): void; resume(): void; close(): Promise<void> } {
  return {
    pause: () => {
      const pid = current()?.pid;
      if (pid !== undefined) pauseTree(pid);
    },
    resume: () => {
      const pid = current()?.pid;
      if (pid !== undefined) resumeTree(pid);
    },
    close: async () => {
      await stop();
      await killAll(spawned); // anything a failed start left behind
      removeDir();
    },
  };
}

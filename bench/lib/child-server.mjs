import { fork } from 'node:child_process';
import { once } from 'node:events';

// The parent side of serve.mjs: start a readiness server in its own process, talk to it over IPC, stop it.

const serveScript = new URL('./serve.mjs', import.meta.url);

/** Sends `message` to the child and resolves its first reply of type `replyType`. */
export function ask(child, message, replyType = message.type) {
  const reply = new Promise((resolve) => {
    const onMessage = (m) => {
      if (m.type === replyType) {
        child.off('message', onMessage);
        resolve(m);
      }
    };
    child.on('message', onMessage);
  });
  child.send(message);
  return reply;
}

const START_ATTEMPTS = 4;
const RETRY_MS = 5000;

/**
 * Forks serve.mjs for `kind` with `config` (see serve.mjs) and resolves { kind, child, url } once it listens.
 * `execArgv` adds Node flags to the child (the profile benchmark passes --cpu-prof). A child that exits before
 * listening is started again, up to START_ATTEMPTS times RETRY_MS apart: on this shared machine someone else's
 * build empties a package's dist/ for a few seconds now and then.
 */
export async function startServer(kind, config = {}, execArgv = []) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(kind, config, execArgv);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      console.error(`  ${error.message}; starting it again in ${RETRY_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

async function startOnce(kind, config, execArgv) {
  const child = fork(serveScript, [kind, JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`server ${kind} exited with ${code} before listening`);
    }),
  ]);
  return { kind, child, url: message.url };
}

/** Asks the child to close and waits for it to exit (SIGKILL after 5 s). */
export async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ type: 'close' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** The dependency's view: calls each probe received since the last reset. */
export async function probeCalls(server) {
  const { calls } = await ask(server.child, { type: 'stats' });
  return calls;
}

/** The CPU time (µs, user + system, every thread) the server process has used so far. */
export async function cpuTime(server) {
  const { cpuUs } = await ask(server.child, { type: 'mark' });
  return cpuUs;
}

/** Zeroes the probe call counters of the server. */
export async function resetCalls(server) {
  await ask(server.child, { type: 'reset' });
}

/** Switches the server's dependencies to 'ok', or makes the named ones (all by default) 'hang'. */
export async function setDependencyMode(server, mode, probes) {
  await ask(server.child, { type: 'mode', mode, probes });
}

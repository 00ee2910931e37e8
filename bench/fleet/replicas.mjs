// Starts and stops the fleet's replicas. Each runs in its own process group (detached), so a last-resort kill of
// the group takes anything it spawned too; that kill runs at this process' exit, however the bench ends.
import { fork } from 'node:child_process';
import { once } from 'node:events';

const replicaScript = new URL('./replica.mjs', import.meta.url);
const live = new Set();

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
}

process.once('exit', () => {
  for (const child of live) killGroup(child);
});

/** Forks one replica and resolves `{ id, service, child, url, metricsUrl }` once it listens. */
export async function startReplica(id, env) {
  const child = fork(replicaScript, [], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`replica ${id} exited with ${code} before listening`);
    }),
  ]);
  const base = `http://127.0.0.1:${message.port}`;
  return {
    id,
    service: env.SERVICE,
    child,
    target: `127.0.0.1:${message.port}`,
    url: `${base}/readyz`,
    metricsUrl: `${base}/metrics`,
  };
}

/** Asks every replica to close (its clients, its server) and kills any that has not exited within 3 s. */
export async function stopReplicas(replicas) {
  await Promise.all(
    replicas.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      try {
        child.send({ type: 'close' });
      } catch {}
      const timer = setTimeout(() => killGroup(child), 3000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

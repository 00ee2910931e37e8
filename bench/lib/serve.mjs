// Child process for readyz-throughput.mjs: starts one readiness server and answers the parent over IPC.
// Usage (by fork only): serve.mjs <kind> <slowMs>. Keeping the server in its own process gives it a core of
// its own while autocannon drives it from the parent.
import { countedProbes } from './probes.mjs';
import { SERVERS } from './servers.mjs';

const [kind, slowArg] = process.argv.slice(2);
const start = SERVERS[kind];
if (start === undefined || process.send === undefined) {
  console.error(`serve.mjs: unknown server kind ${kind} (or not started with fork)`);
  process.exit(2);
}

const counted = countedProbes(Number(slowArg ?? 0));
const server = await start(counted);

process.on('message', async (message) => {
  if (message.type === 'reset') {
    counted.reset();
    process.send({ type: 'reset' });
  } else if (message.type === 'stats') {
    process.send({ type: 'stats', calls: { ...counted.calls } });
  } else if (message.type === 'close') {
    await server.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'listening', url: server.url });

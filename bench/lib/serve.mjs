// Child process of the endpoint benchmarks: starts one readiness server and answers the parent over IPC.
// Usage (by fork only, see child-server.mjs): serve.mjs <kind> <config JSON>, config = { probes: [{ name,
// delayMs }], rollgate?: createHealth options, refreshMs?: lightship's refresh }. Keeping the server in its own
// process gives it a core of its own while autocannon drives it from the parent.
import { countedProbes, INSTANT_PROBES } from './probes.mjs';
import { SERVERS } from './servers.mjs';

const [kind, configArg] = process.argv.slice(2);
const start = SERVERS[kind];
if (start === undefined || process.send === undefined) {
  console.error(`serve.mjs: unknown server kind ${kind} (or not started with fork)`);
  process.exit(2);
}

const config = configArg ? JSON.parse(configArg) : {};
const counted = countedProbes(config.probes ?? INSTANT_PROBES);
const server = await start(counted, config);

process.on('message', async (message) => {
  if (message.type === 'reset') {
    counted.reset();
    process.send({ type: 'reset' });
  } else if (message.type === 'stats') {
    process.send({ type: 'stats', calls: { ...counted.calls } });
  } else if (message.type === 'mode') {
    counted.setMode(message.mode, message.probes);
    process.send({ type: 'mode' });
  } else if (message.type === 'mark') {
    // The profiler's clock (cpuprofile timestamps are microseconds of the same monotonic clock) and the CPU
    // time the process has used so far, which a profile's sample intervals only approximate on a busy machine.
    const { user, system } = process.cpuUsage();
    process.send({ type: 'mark', us: Number(process.hrtime.bigint() / 1000n), cpuUs: user + system });
  } else if (message.type === 'close') {
    // A hung check may hold the server's close() open; the exit below does not wait for it longer than 2 s.
    const timer = setTimeout(() => process.exit(0), 2000);
    await server.close();
    clearTimeout(timer);
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'listening', url: server.url });

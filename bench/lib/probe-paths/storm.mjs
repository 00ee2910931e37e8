// Probe storm: /readyz at a fixed 5,000 requests/s for 10 s (a fleet of kubelets, a load balancer and a
// dashboard all polling): how many calls reach each dependency? rollgate caches a result for cacheTtlMs
// (1000 ms) and runs concurrent checks as one, so it should call each dependency about once a second.
import { probeCalls, resetCalls, stopServer } from '../child-server.mjs';
import { drive, non2xx } from '../load.mjs';
import { table } from '../markdown.mjs';
import { fixed, thousands } from '../stats.mjs';
import { ceilingLine } from '../targets.mjs';
import { PATH_SERVERS, startAll } from './peers.mjs';

const RATE = 5000;
const TTL_MS = 1000;
const CONNECTIONS = 50;
// Warm-up by count: autocannon would round a duration below 1 s up to 1 s.
const WARMUP_REQUESTS = 1000;
// A dependency round trip on a local network: short, but long enough for concurrent checks to overlap.
const STORM_PROBES = [
  { name: 'postgres', delayMs: 2 },
  { name: 'redis', delayMs: 1 },
  { name: 'kafka', delayMs: 2 },
];

/** Runs the probe-storm scenario; resolves its Markdown section body (without the machine line). */
export async function storm({ quick }) {
  const seconds = quick ? 2 : 10;
  const config = { probes: STORM_PROBES, rollgate: { cacheTtlMs: TTL_MS }, refreshMs: TTL_MS };
  const servers = await startAll(config);
  const measured = new Map();
  try {
    for (const server of servers) {
      await drive(server.url, { connections: CONNECTIONS, overallRate: RATE, amount: WARMUP_REQUESTS });
      const from = performance.now();
      await resetCalls(server);
      const run = await drive(server.url, { connections: CONNECTIONS, overallRate: RATE, duration: seconds });
      const calls = await probeCalls(server);
      // The counters ran from reset to read: a little longer than the load, more so on a busy machine.
      const windowMs = performance.now() - from;
      measured.set(server.kind, { run, calls, windowMs });
      console.error(
        `  storm ${server.kind}: ${thousands(run.reqPerSec)} req/s, calls ${JSON.stringify(calls)}`,
      );
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  // At most one call per TTL, plus the one refresh the counting window may start or end in.
  const targetFor = (windowMs) => Math.floor(windowMs / TTL_MS) + 1;
  const rows = [];
  const targets = [];
  for (const spec of PATH_SERVERS) {
    const { run, calls, windowMs } = measured.get(spec.kind);
    const counts = STORM_PROBES.map((p) => calls[p.name]);
    const worst = Math.max(...counts);
    rows.push([
      spec.label,
      thousands(run.reqPerSec),
      thousands(run.total),
      thousands(non2xx(run.statuses) + run.failures),
      counts.map(thousands).join(' / '),
      fixed(windowMs / 1000, 2),
      fixed(worst / (windowMs / 1000), 1),
      spec.rollgate ? `cached ${TTL_MS} ms, single flight` : spec.how,
    ]);
    if (spec.rollgate)
      targets.push(
        ceilingLine(
          `${spec.label}: calls to the busiest dependency in ${fixed(windowMs / 1000, 2)} s`,
          worst,
          targetFor(windowMs),
          '',
          0,
        ),
      );
  }
  return [
    `## Probe storm: ${thousands(RATE)} requests/s for ${seconds} s`,
    '',
    `autocannon at a fixed ${thousands(RATE)} requests/s (\`overallRate\`) over ${CONNECTIONS} keep-alive ` +
      `connections for ${seconds} s, after a warm-up of ${thousands(WARMUP_REQUESTS)} requests, one server at a time. Three dependencies answering in ` +
      `${STORM_PROBES.map((p) => `${p.delayMs} ms`).join(', ')}; each counts the calls that reach it from before the ` +
      'first request to after the last ("counted for": a little longer than the load). rollgate runs with ' +
      `\`cacheTtlMs\` ${TTL_MS}; lightship's host re-runs its checks every ` +
      `${TTL_MS} ms. "req/s" is what the server sustained (below ${thousands(RATE)} means it could not keep up on ` +
      'this machine, where the load generator shares the 2 cores).',
    '',
    table(
      [
        'server',
        'req/s',
        'requests',
        'non-2xx',
        'calls (postgres / redis / kafka)',
        'counted for s',
        'calls/s',
        'checks',
      ],
      rows,
    ),
    '',
    `Targets (rollgate: ≤ 1 call per dependency per ${TTL_MS} ms of the counting window plus one refresh, i.e. ` +
      `≤ ${targetFor(seconds * 1000)} in ${seconds} s):`,
    '',
    ...targets.map((line) => `- ${line}`),
  ].join('\n');
}

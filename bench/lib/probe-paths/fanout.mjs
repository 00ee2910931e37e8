// Fan-out: eight dependencies answering in 5 to 50 ms. A parallel check cannot answer before the slowest one
// (50 ms); what a library adds on top of it is its own cost. rollgate runs with cacheTtlMs 0 so every request
// runs all eight.
import { setTimeout as sleep } from 'node:timers/promises';
import { probeCalls, resetCalls, stopServer } from '../child-server.mjs';
import { non2xx, sequentialGets } from '../load.mjs';
import { table } from '../markdown.mjs';
import { FANOUT_PROBES } from '../probes.mjs';
import { fixed, percentile } from '../stats.mjs';
import { ceilingLine } from '../targets.mjs';
import { PATH_SERVERS, startAll } from './peers.mjs';

const SLOWEST_MS = Math.max(...FANOUT_PROBES.map((p) => p.delayMs));
const TARGET_MS = 2;

/** The floor without any HTTP: the eight sleeps under Promise.all, in this process, `n` times in a row. */
async function inProcessFloor(n) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await Promise.all(FANOUT_PROBES.map((p) => sleep(p.delayMs)));
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return ms;
}

/** Runs the fan-out scenario; resolves its Markdown section body (without the machine line). */
export async function fanout({ quick }) {
  const rounds = quick ? 1 : 2;
  const perRound = quick ? 10 : 20;
  const config = { probes: FANOUT_PROBES, rollgate: { cacheTtlMs: 0 }, refreshMs: 1000 };
  const servers = await startAll(config);
  const latencies = new Map(servers.map((s) => [s.kind, []]));
  const calls = new Map(servers.map((s) => [s.kind, 0]));
  const bad = new Map(servers.map((s) => [s.kind, 0]));
  try {
    for (const server of servers) await sequentialGets(server.url, 5);
    // One request at a time on one keep-alive connection: concurrent requests would share a check in flight.
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < servers.length; k++) {
        const server = servers[(k + r) % servers.length];
        await resetCalls(server);
        const run = await sequentialGets(server.url, perRound);
        const counted = await probeCalls(server);
        latencies.get(server.kind).push(...run.latencies);
        calls.set(server.kind, calls.get(server.kind) + counted[FANOUT_PROBES.at(-1).name]);
        bad.set(server.kind, bad.get(server.kind) + non2xx(run.statuses) + run.failures);
      }
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  const floor = await inProcessFloor(rounds * perRound);
  const over = (ms) => `${ms - SLOWEST_MS >= 0 ? '+' : ''}${fixed(ms - SLOWEST_MS, 2)}`;
  const row = (label, ms, how, perRequest, failed) => {
    const p50 = percentile(ms, 50);
    const p99 = percentile(ms, 99);
    return [label, fixed(p50, 2), fixed(p99, 2), over(p50), over(p99), perRequest, failed, how];
  };
  const n = rounds * perRound;
  const rows = [
    row('floor: the 8 sleeps under `Promise.all`, in-process, no HTTP', floor, 'every call', '1', '–'),
    ...PATH_SERVERS.map((spec) =>
      row(
        spec.label,
        latencies.get(spec.kind),
        spec.rollgate ? 'engine runs the 8 in parallel on every check (`cacheTtlMs: 0`)' : spec.how,
        fixed(calls.get(spec.kind) / n, 2),
        String(bad.get(spec.kind)),
      ),
    ),
  ];
  const targets = PATH_SERVERS.filter((s) => s.rollgate).flatMap((spec) => {
    const ms = latencies.get(spec.kind);
    return [50, 99].map((p) =>
      ceilingLine(
        `${spec.label}, p${p} over the slowest probe`,
        percentile(ms, p) - SLOWEST_MS,
        TARGET_MS,
        ' ms',
        2,
      ),
    );
  });
  return [
    '## Fan-out: eight probes of 5 to 50 ms',
    '',
    `Every server checks the same eight dependencies, which answer in ${FANOUT_PROBES.map((p) => p.delayMs).join(', ')} ms ` +
      `(timers). Each gets ${rounds} × ${perRound} GET /readyz, one at a time on one keep-alive connection (concurrent ` +
      'requests would share a check in flight), the servers taking turns; latency is from writing the request to ' +
      `the end of the response. "over slowest" is the latency minus the slowest probe (${SLOWEST_MS} ms): what the library adds to a ` +
      'parallel check; the floor row shows what the timers alone give in-process (a 50 ms timer fires a little ' +
      'late). "calls/request" counts calls reaching the 50 ms dependency per request. lightship answers a flag, ' +
      'not a check: its latency is not comparable, and its answer can be up to 1 s plus 50 ms old.',
    '',
    table(
      [
        'server',
        'p50 ms',
        'p99 ms',
        'p50 over slowest',
        'p99 over slowest',
        'calls/request',
        'non-2xx',
        'checks',
      ],
      rows,
    ),
    '',
    `Targets (rollgate ≤ +${TARGET_MS} ms over the slowest probe):`,
    '',
    ...targets.map((line) => `- ${line}`),
  ].join('\n');
}

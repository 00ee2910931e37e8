// Hung dependency: one of three dependencies stops answering while the service runs (no error, no close, as a
// stuck socket). rollgate runs with probeTimeoutMs 200 and cacheTtlMs 0, so every request meets the hang; the
// question is how long a caller waits for the 503. Peers get the same hang as their README setup leaves them.
import { probeCalls, resetCalls, setDependencyMode, stopServer } from '../child-server.mjs';
import { drive } from '../load.mjs';
import { table } from '../markdown.mjs';
import { INSTANT_PROBES } from '../probes.mjs';
import { fixed, percentile } from '../stats.mjs';
import { ceilingLine } from '../targets.mjs';
import { tally, timedGet } from '../timed-get.mjs';
import { PATH_SERVERS, startAll } from './peers.mjs';

const TIMEOUT_MS = 200;
const TARGET_P99_MS = 210;
const CAP_MS = 2000;
const HUNG = INSTANT_PROBES[0].name;
const WAVE = 20;

/** How each peer can bound a hanging check, read from its source and README (versions in bench/package.json). */
const PEER_TIMEOUT = {
  'under-pressure': 'none for `healthCheck` (its `healthCheckInterval` check would hang the same way)',
  terminus: 'none for health checks (`timeout` bounds shutdown only)',
  'express-baseline': 'none unless written by hand',
  lightship: 'none: the check of the host never settles, so the flag keeps its last value',
};

/** `n` requests, each on a fresh connection, all at once; each gives up after CAP_MS. */
async function wave(url, n) {
  return Promise.all(Array.from({ length: n }, () => timedGet(url, CAP_MS)));
}

async function sequential(url, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await timedGet(url, CAP_MS));
  return out;
}

/**
 * Measures one server: first a wave of WAVE concurrent requests; when every one was answered, `sequentialN`
 * sequential requests and `concurrentN` more over WAVE keep-alive connections. A server that leaves requests
 * hanging is not asked again: every further request would only wait out the cap.
 */
async function measure(server, sequentialN, concurrentN) {
  const first = await wave(server.url, WAVE);
  const answered = first.filter((r) => r.answered);
  const results = { first, sequential: [], concurrent: [], statuses: first.map((r) => r.status ?? 'none') };
  if (answered.length < first.length) return results;
  results.sequential = await sequential(server.url, sequentialN);
  const run = await drive(server.url, { connections: WAVE, amount: concurrentN, timeout: CAP_MS / 1000 });
  results.concurrent = run.latencies;
  results.concurrentFailures = run.failures;
  results.statuses.push(...results.sequential.map((r) => r.status ?? 'none'));
  for (const [status, count] of run.statuses) for (let i = 0; i < count; i++) results.statuses.push(status);
  return results;
}

function stats(ms) {
  if (ms.length === 0) return ['–', '–', '–'];
  return [fixed(percentile(ms, 50), 1), fixed(percentile(ms, 99), 1), fixed(Math.max(...ms), 1)];
}

/** Runs the hung-dependency scenario; resolves its Markdown section body (without the machine line). */
export async function hung({ quick }) {
  const sequentialN = quick ? 5 : 10;
  const concurrentN = quick ? 40 : 190;
  const config = {
    probes: INSTANT_PROBES,
    rollgate: { cacheTtlMs: 0, probeTimeoutMs: TIMEOUT_MS },
    refreshMs: 1000,
  };
  const servers = await startAll(config);
  const measured = new Map();
  try {
    for (const server of servers) {
      const ok = await timedGet(server.url, CAP_MS);
      if (ok.status !== 200)
        throw new Error(`${server.kind}: healthy GET answered ${ok.status ?? 'nothing'}`);
    }
    for (const server of servers) await setDependencyMode(server, 'hang', [HUNG]);
    for (const server of servers) {
      await resetCalls(server);
      const result = await measure(server, sequentialN, concurrentN);
      result.calls = (await probeCalls(server))[HUNG];
      measured.set(server.kind, result);
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }

  const rows = [];
  const targets = [];
  for (const spec of PATH_SERVERS) {
    const r = measured.get(spec.kind);
    const firstMs = r.first.filter((x) => x.answered).map((x) => x.ms);
    const seqMs = r.sequential.map((x) => x.ms);
    const steady = [...seqMs, ...r.concurrent];
    const unanswered = r.first.length - firstMs.length + (r.concurrentFailures ?? 0);
    const sent = r.first.length + r.sequential.length + r.concurrent.length + (r.concurrentFailures ?? 0);
    rows.push([
      spec.label,
      spec.rollgate ? `\`probeTimeoutMs\` ${TIMEOUT_MS}, \`cacheTtlMs\` 0` : PEER_TIMEOUT[spec.kind],
      String(sent),
      tally(r.statuses.filter((s) => s !== 'none').map(String)) || '–',
      unanswered > 0 ? `${unanswered} (of ${r.first.length} in the first wave)` : '0',
      ...stats(firstMs),
      ...stats(seqMs),
      ...stats(r.concurrent),
      String(r.calls),
    ]);
    if (spec.rollgate) {
      const p99 = unanswered > 0 ? Number.POSITIVE_INFINITY : percentile(steady, 99);
      const label = `${spec.label}: p99 time to 503 over the ${steady.length} sequential and concurrent requests`;
      targets.push(ceilingLine(label, p99, TARGET_P99_MS, ' ms'));
      const waveP99 = percentile(firstMs, 99);
      targets.push(`${spec.label}: p99 of the first wave (fresh connections): ${fixed(waveP99, 1)} ms`);
      const non503 = r.statuses.filter((s) => s !== 503).length;
      if (non503 > 0) targets.push(`${spec.label}: ${non503} answers were not 503`);
    }
  }
  return [
    '## Hung dependency: time to 503',
    '',
    `Three dependencies; after every server answered 200, the "${HUNG}" dependency stops answering (its call never ` +
      `settles). Each server then gets a wave of ${WAVE} concurrent GET /readyz on fresh connections; a server that ` +
      `answered all of them gets ${sequentialN} sequential requests (fresh connections) and ${concurrentN} more over ` +
      `${WAVE} keep-alive connections (autocannon); a server that left requests hanging is not asked again. Clients ` +
      `give up after ${CAP_MS / 1000} s ("no answer"). Times are to the response head (wave, sequential) or the parsed ` +
      'response (autocannon), in ms, as p50 / p99 / max. With `cacheTtlMs` 0 a request arriving while a check is in ' +
      'flight shares it (single flight), so concurrent requests can get their 503 sooner than the timeout. The ' +
      'target is read on the sequential and concurrent requests; the first wave also pays for opening 20 ' +
      "connections at once, which lightship's row (no check at all) shows on its own. " +
      '"calls" counts calls that reached the hung dependency.',
    '',
    table(
      [
        'server',
        'timeout of the hung check',
        'requests',
        'statuses',
        'no answer',
        'wave p50',
        'wave p99',
        'wave max',
        'seq p50',
        'seq p99',
        'seq max',
        'conc p50',
        'conc p99',
        'conc max',
        'calls',
      ],
      rows,
    ),
    '',
    `Targets (rollgate: p99 ≤ ${TARGET_P99_MS} ms to a 503):`,
    '',
    ...targets.map((line) => `- ${line}`),
  ].join('\n');
}

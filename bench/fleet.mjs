// A simulated fleet: N replicas (each its own process: Fastify + @rollgate/adapters/fastify + real ioredis and pg
// probes), a real redis-server and PostgreSQL (tests/support), a real Prometheus scraping every replica each second
// with the shipped alert rules, and a kubelet-like poller. Redis is SIGKILLed and restarted on the same port; the
// script measures how fast the fleet and the alerts notice, the load the fleet puts on Redis at each poll rate, and
// recovery, then writes the `fleet` section of BENCHMARKS.md with an extrapolation to 1,000 replicas.
// Knobs: FLEET_N (20), FLEET_SERVICES (2), FLEET_POLL_MS (5000), FLEET_SIDE_POLL_MS (200), FLEET_HEAVY_POLL_MS
// (50, 0 = no heavy phase), FLEET_CACHE_TTL_MS (1000), FLEET_PROBE_TIMEOUT_MS (1500), FLEET_ALERT_FOR (10s);
// BENCH_QUICK=1 (N=5, short phases, prints only), BENCH_NO_WRITE=1 (prints only).
import { setTimeout as sleep } from 'node:timers/promises';
import { postgresSentinelTableSql } from '@rollgate/adapters/probes';
import { pingCalls, redisPid, scrape, seriesIn, sumSamples } from './fleet/counters.mjs';
import { names, now, startPoller } from './fleet/poller.mjs';
import { shippedFor, startFleetPrometheus } from './fleet/prometheus.mjs';
import { startReplica, stopReplicas } from './fleet/replicas.mjs';
import { renderFleet } from './fleet/report.mjs';
import { loadSupport } from './fleet/support.mjs';
import { AlertWatcher } from './fleet/watch-alerts.mjs';
import { machineLine } from './lib/machine.mjs';
import { writeSection } from './lib/markdown.mjs';

function int(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const QUICK = process.env.BENCH_QUICK === '1';
const WRITE = !QUICK && process.env.BENCH_NO_WRITE !== '1';
const N = Math.max(1, int('FLEET_N', QUICK ? 5 : 20));
const SERVICE_NAMES = ['orders-api', 'payments-api', 'search-api', 'users-api'];
const SERVICES = SERVICE_NAMES.slice(
  0,
  Math.max(1, Math.min(N, int('FLEET_SERVICES', 2), SERVICE_NAMES.length)),
);
const config = {
  n: N,
  services: SERVICES,
  cacheTtlMs: int('FLEET_CACHE_TTL_MS', 1000),
  probeTimeoutMs: int('FLEET_PROBE_TIMEOUT_MS', 1500),
  pollMs: Math.max(1, int('FLEET_POLL_MS', 5000)),
  sidePollMs: Math.max(1, int('FLEET_SIDE_POLL_MS', 200)),
  heavyPollMs: int('FLEET_HEAVY_POLL_MS', 50),
  alertFor: process.env.FLEET_ALERT_FOR ?? '10s',
  shippedFor: shippedFor(),
  // Seconds: kubelet-only window, kubelet + side poller (the steady window), heavy window, least outage, least
  // recovery, after-recovery window. Outage and recovery also wait for the alert to fire and to resolve.
  phases: QUICK
    ? { kubelet: 5, steady: 6, heavy: 4, outage: 15, recovery: 6, after: 5 }
    : { kubelet: 6, steady: 10, heavy: 6, outage: 20, recovery: 8, after: 6 },
  quick: QUICK,
};
const POLLER_TIMEOUT_MS = 3000; // a readinessProbe's timeoutSeconds: 3
const WAIT_CAP_S = 45; // outage and recovery never wait longer than their least length + this for the alert

const cleanups = [];
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(name, () => {
    console.error(`fleet: ${name}: stopping every process it started`);
    process.exit(130); // the exit hooks (tests/support's and replicas.mjs') kill the servers and replica groups
  });
}

/** One look at the load counters: PINGs redis-server answered, probe runs the replicas made, poller requests. */
async function snapshot(redisPort, replicas, pollers) {
  const at = now();
  const [pings, texts] = await Promise.all([
    pingCalls(redisPort),
    Promise.all(replicas.map((r) => scrape(r.metricsUrl))),
  ]);
  return {
    at,
    pings,
    redisRuns: sumSamples(texts, 'aether_readyz_probe_duration_seconds_count', 'Redis'),
    postgresRuns: sumSamples(texts, 'aether_readyz_probe_duration_seconds_count', 'Postgres'),
    requests: pollers.reduce((sum, p) => sum + p.requests(), 0),
    series: texts.map(seriesIn),
  };
}

function rates(name, pollersLabel, from, to, pingsReaching) {
  const seconds = (to.at - from.at) / 1000;
  return {
    name,
    pollers: pollersLabel,
    seconds,
    requestsPerS: (to.requests - from.requests) / seconds,
    redisRunsPerS: (to.redisRuns - from.redisRuns) / seconds,
    postgresRunsPerS: (to.postgresRuns - from.postgresRuns) / seconds,
    pingsPerS: pingsReaching ?? (to.pings - from.pings) / seconds,
  };
}

/** Per replica, ms from `from` to its first observation matching `match`; replicas never matching are missing. */
function fleetTimes(observations, replicas, from, match) {
  const first = new Map();
  for (const o of observations) {
    if (o.at < from || !match(o) || first.has(o.replica)) continue;
    first.set(o.replica, o.at - from);
  }
  return { times: [...first.values()], missing: replicas.length - first.size };
}

async function waitFor(condition, leastS, capS) {
  const start = now();
  while (now() - start < capS * 1000) {
    if (now() - start >= leastS * 1000 && condition()) return true;
    await sleep(100);
  }
  return false;
}

async function run() {
  const support = await loadSupport();
  const machine = machineLine();
  const t0 = now();
  const [redis, postgres] = await Promise.all([support.startRedis(), support.startPostgres()]);
  cleanups.push(
    () => redis.close(),
    () => postgres.close(),
  );
  // The sentinel table exists, as a migration would create it; the write probe then only inserts and rolls back.
  await postgres.sql(postgresSentinelTableSql());

  const replicas = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      startReplica(`r${String(i + 1).padStart(2, '0')}`, {
        SERVICE: SERVICES[i % SERVICES.length],
        REDIS_URL: redis.url,
        DATABASE_URL: postgres.url(),
        CACHE_TTL_MS: String(config.cacheTtlMs),
        PROBE_TIMEOUT_MS: String(config.probeTimeoutMs),
      }),
    ),
  );
  cleanups.push(() => stopReplicas(replicas));
  const prometheus = await startFleetPrometheus(support, {
    targets: replicas.map((r) => r.target),
    forDuration: config.alertFor,
  });
  cleanups.push(() => prometheus.close());
  const startupS = (now() - t0) / 1000;
  console.error(`fleet: ${N} replicas, redis, postgres and prometheus up in ${startupS.toFixed(1)} s`);

  const watcher = new AlertWatcher(prometheus);
  watcher.start();
  cleanups.push(() => watcher.stop());
  const pollers = [];
  const phases = [];
  const startPolling = (options) => {
    const poller = startPoller(replicas, { timeoutMs: POLLER_TIMEOUT_MS, ...options });
    pollers.push(poller);
    cleanups.push(() => poller.stop());
    return poller;
  };
  const snap = () => snapshot(redis.port, replicas, pollers);
  const p = config.phases;

  // Load before the outage, at three poll rates.
  const kubelet = startPolling({ intervalMs: config.pollMs });
  let from = await snap();
  await sleep(p.kubelet * 1000);
  let to = await snap();
  phases.push(rates('steady, kubelet only', `${config.pollMs} ms`, from, to));
  const side = startPolling({ intervalMs: config.sidePollMs });
  from = to;
  await sleep(p.steady * 1000);
  to = await snap();
  phases.push(rates('steady', `${config.pollMs} ms + ${config.sidePollMs} ms`, from, to));
  if (config.heavyPollMs > 0) {
    const heavy = startPolling({ intervalMs: config.heavyPollMs, keepAlive: true, record: false });
    from = to;
    await sleep(p.heavy * 1000);
    to = await snap();
    heavy.stop();
    phases.push(
      rates(
        'steady, heavy poll',
        `${config.pollMs} ms + ${config.sidePollMs} ms + ${config.heavyPollMs} ms (keep-alive)`,
        from,
        to,
      ),
    );
  }
  const notReady = replicas.filter(
    (r) => side.observations.findLast((o) => o.replica === r.id)?.status !== 200,
  );
  if (notReady.length > 0)
    throw new Error(`not every replica was ready before the outage: ${notReady.map((r) => r.id)}`);

  // The outage: SIGKILL, so no client gets a clean goodbye.
  const pid = await redisPid(redis.port);
  from = await snap();
  const tKill = now();
  process.kill(pid, 'SIGKILL');
  watcher.mark('kill', tKill);
  await waitFor(() => watcher.firedAt('copy') !== undefined, p.outage, p.outage + WAIT_CAP_S);
  to = await snap();
  phases.push(rates('outage (Redis down)', `${config.pollMs} ms + ${config.sidePollMs} ms`, from, to, 0));

  // Recovery: the same port, a fresh redis-server (its PING count starts at 0).
  const tRestart = now();
  watcher.mark('restart', tRestart);
  await redis.start();
  const redisStartMs = now() - tRestart;
  const burstWindowMs = 5000;
  const pingTimeline = [];
  const burstSampler = (async () => {
    while (now() - tRestart < burstWindowMs + 500) {
      pingTimeline.push({ at: now() - tRestart, pings: await pingCalls(redis.port) });
      await sleep(250);
    }
  })();
  const allReady = () =>
    fleetTimes(side.observations, replicas, tRestart, (o) => o.status === 200).missing === 0;
  await waitFor(
    () => allReady() && watcher.resolvedAt('copy') !== undefined,
    p.recovery,
    p.recovery + WAIT_CAP_S,
  );
  await burstSampler;
  from = await snap();
  await sleep(p.after * 1000);
  to = await snap();
  phases.push(rates('after recovery', `${config.pollMs} ms + ${config.sidePollMs} ms`, from, to));

  const outage = {
    kubelet503: fleetTimes(kubelet.observations, replicas, tKill, (o) => names(o, 'Redis')),
    side503: fleetTimes(side.observations, replicas, tKill, (o) => names(o, 'Redis')),
    kubeletReady: fleetTimes(kubelet.observations, replicas, tRestart, (o) => o.status === 200),
    sideReady: fleetTimes(side.observations, replicas, tRestart, (o) => o.status === 200),
    outageS: (tRestart - tKill) / 1000,
    redisStartMs,
    alerts: watcher.summary(tKill, tRestart),
    burst: pingTimeline,
    burstWindowMs,
    pollerErrors: side.observations.filter((o) => o.status === 0).length,
  };
  const perReplicaSeries = to.series;
  const markdown = renderFleet({ config, machine, startupS, phases, outage, perReplicaSeries });
  console.log(markdown);
  if (WRITE) writeSection('fleet', markdown);
  else console.error('fleet: BENCHMARKS.md not written (BENCH_QUICK or BENCH_NO_WRITE)');
}

let exitCode = 0;
try {
  await run();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error('fleet: cleanup:', error);
    }
  }
}
process.exit(exitCode);

// The `fleet` section of BENCHMARKS.md: outage and recovery times, alerts, dependency load per poll rate, and the
// extrapolation to 1,000 replicas, all computed from what bench/fleet.mjs measured.
import { table } from '../lib/markdown.mjs';
import { fixed, median, thousands } from '../lib/stats.mjs';

const TARGET_REPLICAS = 1000;
/** Series Prometheus adds for every target (up, scrape_duration_seconds, scrape_samples_scraped, …). */
const SYNTHETIC_SERIES_PER_TARGET = 5;

const seconds = (ms) => (ms === undefined ? '–' : fixed(ms / 1000, 2));
const s = (value, decimals = 1) => (value === undefined ? '–' : fixed(value, decimals));

function timesRow(label, { times, missing }) {
  const last = missing > 0 ? `${missing} replica(s) never` : seconds(Math.max(...times));
  return [label, seconds(median(times)), last];
}

function durationSeconds(text) {
  const units = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(n) * units[unit];
  return total;
}

function alertsTable(config, alerts) {
  const order = (a) =>
    (a.alertname === 'ReadyzDependencyFailure' ? 0 : 1) * 2 + (a.variant === 'copy' ? 0 : 1);
  const rows = [...alerts]
    .sort((a, b) => order(a) - order(b))
    .map((a) => [
      `${a.alertname} (${a.variant === 'copy' ? 'copy' : 'as shipped'})`,
      a.variant === 'copy' ? config.alertFor : (config.shippedFor[a.alertname] ?? '–'),
      s(a.activeS, 2),
      a.firingS === undefined ? 'not within the run' : s(a.firingS, 2),
      s(a.resolvedS, 2),
      a.peakFiring > 0 ? `${a.peakFiring} firing` : `${a.peakPending} pending`,
      a.groups.length > 0 ? a.groups.join(', ') : '–',
      a.labelNames.includes('instance') ? 'yes' : a.labelNames.length > 0 ? 'no' : '–',
    ]);
  return table(
    [
      'rule',
      '`for`',
      'true (activeAt) s after kill',
      'firing s after kill',
      'gone s after restart',
      'alerts at peak',
      'service/probe of firing alerts',
      'per pod (`instance` label)?',
    ],
    rows,
  );
}

function groupingVerdict(config, alerts) {
  const copy = alerts.find((a) => a.alertname === 'ReadyzDependencyFailure' && a.variant === 'copy');
  if (copy === undefined || copy.peakFiring === 0) {
    return 'ReadyzDependencyFailure (copy) did not fire during the run: no grouping to check.';
  }
  const perPod = copy.labelNames.includes('instance');
  const target = config.services.length;
  return (
    `**Grouping:** the shipped expression aggregates with \`max by (service, probe)\`, so \`instance\` (and, in ` +
    `Kubernetes, the \`pod\` label service discovery adds) is dropped: ` +
    `at peak ${copy.peakFiring} ReadyzDependencyFailure alert(s) fired for ${config.n} replicas in ` +
    `${target} service(s) with one failing dependency (target ${target}: one per service and dependency)` +
    `${perPod ? ', but the alerts carry `instance`: per pod' : ', none of them per pod'}. ` +
    probeFailingVerdict(alerts)
  );
}

function probeFailingVerdict(alerts) {
  const ticket = alerts.find((a) => a.alertname === 'ReadyzProbeFailing' && a.variant === 'copy');
  if (ticket === undefined || ticket.peakFiring === 0)
    return 'ReadyzProbeFailing (copy) did not fire during the run.';
  return ticket.labelNames.includes('instance')
    ? `ReadyzProbeFailing (severity ticket) keeps \`instance\`: ${ticket.peakFiring} alerts, one per replica and probe; ` +
        'Alertmanager must group it by `service, probe` or a fleet-wide outage opens one ticket per pod.'
    : `ReadyzProbeFailing (severity ticket) counts replicas \`by (service, probe)\`: ${ticket.peakFiring} alert(s), ` +
        'one per service and probe, never one per pod.';
}

function loadTable(config, phases) {
  const bound = config.n / (config.cacheTtlMs / 1000);
  return table(
    [
      'phase',
      'pollers (period per replica)',
      's',
      '/readyz requests/s (fleet)',
      'Redis probe runs/s (replicas)',
      'PINGs reaching Redis/s',
      'Postgres probe runs/s',
      `bound N / cacheTtl = ${fixed(bound, 0)}/s`,
    ],
    phases.map((p) => [
      p.name,
      p.pollers,
      fixed(p.seconds, 1),
      fixed(p.requestsPerS, 1),
      fixed(p.redisRunsPerS, 1),
      p.name.startsWith('outage') ? '0 (server down)' : fixed(p.pingsPerS, 1),
      fixed(p.postgresRunsPerS, 1),
      Math.max(p.redisRunsPerS, p.name.startsWith('outage') ? 0 : p.pingsPerS) <= bound * 1.05
        ? 'within'
        : `above by ${fixed((Math.max(p.redisRunsPerS, p.pingsPerS) / bound - 1) * 100, 0)} %`,
    ]),
  );
}

/** PINGs answered in the first seconds after the restart, beside what the steady state would have sent then. */
function burstFigures(phases, outage) {
  const samples = outage.burst.filter((b) => b.pings !== undefined);
  const last = samples.findLast((b) => b.at <= outage.burstWindowMs) ?? samples.at(-1);
  if (last === undefined) return undefined;
  const windowS = last.at / 1000;
  const steady = (phases.find((p) => p.name === 'after recovery')?.pingsPerS ?? 0) * windowS;
  const outagePhase = phases.find((p) => p.name.startsWith('outage'));
  return {
    windowS,
    pings: last.pings,
    steady,
    excess: Math.max(0, last.pings - steady),
    outageRuns: outagePhase ? outagePhase.redisRunsPerS * outagePhase.seconds : Number.NaN,
  };
}

function burstLine(burst) {
  if (burst === undefined) return 'Redis did not answer INFO after the restart within the burst window.';
  return (
    `PINGs redis-server answered in its first ${fixed(burst.windowS, 1)} s after the restart: ${burst.pings}, ` +
    `${fixed(burst.steady, 0)} of them the steady rate, ~${fixed(burst.excess, 0)} in excess, against ` +
    `${fixed(burst.outageRuns, 0)} Redis probe runs that timed out during the outage. ioredis keeps each timed-out ` +
    'PING in its offline queue (`maxRetriesPerRequest: null`, as examples/fastify-service configures the client) ' +
    'and flushes the queue on reconnect: a dead Redis costs nothing while it is down, and one PING per failed run ' +
    'when it comes back.'
  );
}

function extrapolation(config, phases, outage, perReplicaSeries) {
  const n = config.n;
  const ttlS = config.cacheTtlMs / 1000;
  const scale = TARGET_REPLICAS / n;
  const heavy =
    phases.find((p) => p.name === 'steady, heavy poll') ?? phases.find((p) => p.name === 'steady');
  const kubelet = phases.find((p) => p.name === 'steady, kubelet only');
  const outagePhase = phases.find((p) => p.name.startsWith('outage'));
  const series = median(perReplicaSeries);
  const copy = outage.alerts.find((a) => a.alertname === 'ReadyzDependencyFailure' && a.variant === 'copy');
  const probeFailing = outage.alerts.find(
    (a) => a.alertname === 'ReadyzProbeFailing' && a.variant === 'copy',
  );
  const burst = burstFigures(phases, outage);
  const rows = [
    [
      'Redis calls/s, pollers faster than cacheTtl',
      `${fixed(heavy.pingsPerS, 1)} (${heavy.name})`,
      'replicas × 1 / cacheTtl',
      thousands(TARGET_REPLICAS / ttlS),
    ],
    [
      `Redis calls/s, kubelet only (${config.pollMs / 1000} s period)`,
      kubelet ? fixed(kubelet.pingsPerS, 1) : '–',
      'replicas / max(period, cacheTtl)',
      thousands(TARGET_REPLICAS / Math.max(config.pollMs / 1000, ttlS)),
    ],
    [
      'all dependency calls/s (Redis PING + Postgres write sentinel), worst case',
      fixed(heavy.redisRunsPerS + heavy.postgresRunsPerS, 1),
      'replicas × probes / cacheTtl',
      thousands((TARGET_REPLICAS * 2) / ttlS),
    ],
    [
      'Redis probe runs/s during the outage',
      outagePhase ? fixed(outagePhase.redisRunsPerS, 1) : '–',
      'replicas / (probe timeout + cacheTtl + poll gap), at most replicas / cacheTtl',
      outagePhase ? thousands(outagePhase.redisRunsPerS * scale) : '–',
    ],
    [
      'extra PINGs flushed at reconnect (ioredis offline queue)',
      burst === undefined ? '–' : `~${fixed(burst.excess, 0)} after ${fixed(outage.outageS, 0)} s down`,
      'probe runs during the outage (replicas × outage / (timeout + cacheTtl))',
      burst === undefined ? '–' : `~${thousands(burst.excess * scale)} at once`,
    ],
    [
      'ReadyzDependencyFailure alerts (page) per outage',
      copy ? String(copy.peakFiring) : '–',
      'services × failing dependencies',
      `${config.services.length} here; 1 per service and dependency, whatever the replica count`,
    ],
    [
      'ReadyzProbeFailing alerts (ticket) per outage',
      probeFailing ? String(probeFailing.peakFiring) : '–',
      ...(probeFailing?.labelNames.includes('instance')
        ? [
            'replicas × failing probes (keeps `instance`)',
            `${thousands(TARGET_REPLICAS)} unless Alertmanager groups by service, probe`,
          ]
        : [
            'services × failing probes (counted `by (service, probe)`)',
            `${config.services.length} here; 1 per service and probe, whatever the replica count`,
          ]),
    ],
    [
      'series per replica (readyz metrics only)',
      String(series),
      `replicas × (series + ${SYNTHETIC_SERIES_PER_TARGET} per target)`,
      thousands(TARGET_REPLICAS * (series + SYNTHETIC_SERIES_PER_TARGET)),
    ],
    [
      'samples Prometheus ingests/s at a 1 s scrape (15 s in most clusters)',
      thousands(n * (series + SYNTHETIC_SERIES_PER_TARGET)),
      'series / scrape interval',
      `${thousands(TARGET_REPLICAS * (series + SYNTHETIC_SERIES_PER_TARGET))} (1 s), ${thousands((TARGET_REPLICAS * (series + SYNTHETIC_SERIES_PER_TARGET)) / 15)} (15 s)`,
    ],
  ];
  return table(
    ['quantity', `measured (${n} replicas)`, 'formula', `${thousands(TARGET_REPLICAS)} replicas`],
    rows,
  );
}

/** Renders the whole section from the run's measurements. */
export function renderFleet({ config, machine, startupS, phases, outage, perReplicaSeries }) {
  const shippedFor = config.shippedFor.ReadyzDependencyFailure;
  const forS = durationSeconds(shippedFor);
  const shipped = outage.alerts.find(
    (a) => a.alertname === 'ReadyzDependencyFailure' && a.variant === 'shipped',
  );
  const command = config.quick ? 'BENCH_QUICK=1 node bench/fleet.mjs' : 'node bench/fleet.mjs';
  return [
    `## A simulated fleet: ${config.n} replicas and one Redis outage (\`bench/fleet.mjs\`)`,
    '',
    machine,
    '',
    `${config.n} replicas in ${config.services.length} service(s) (${config.services.join(', ')}), each its own ` +
      'node process: Fastify 5 with the built `@rollgate/adapters/fastify` plugin, `postgresProbe(pg.Pool, { write: ' +
      `true })\` and \`redisProbe(ioredis)\` (timeout ${config.probeTimeoutMs} ms, clients configured as in ` +
      `examples/fastify-service), \`cacheTtlMs\` ${config.cacheTtlMs} (${config.cacheTtlMs === 1000 ? 'the default, set explicitly' : 'not the default 1000'}) and readyz's prom-client metrics ` +
      'on `/metrics`. Real redis-server and PostgreSQL 15 started by tests/support; a real Prometheus (Debian ' +
      'binary, scrape and evaluation every 1 s) with examples/prometheus/rollgate-rules.yaml loaded as shipped ' +
      `plus a copy with every \`for:\` set to ${config.alertFor} (the shipped \`for: ${shippedFor}\` is longer ` +
      `than the run). A kubelet-like poller calls every replica's \`/readyz\` every ${config.pollMs} ms (fresh ` +
      'connection, 3 s timeout, replicas spread over the period); a side poller every ' +
      `${config.sidePollMs} ms times the transitions precisely. Redis is SIGKILLed, left down ` +
      `${fixed(outage.outageS, 1)} s, and restarted on the same port (up in ${fixed(outage.redisStartMs, 0)} ms). ` +
      `Start-up of the whole fleet: ${fixed(startupS, 1)} s. Reproduce: \`${command}\` (after \`pnpm run build\`; ` +
      'knobs in the script header).',
    '',
    '### Outage and recovery',
    '',
    table(
      ['time from the kill / the restart (s)', 'median replica', 'last replica (whole fleet)'],
      [
        timesRow(`503 naming Redis, seen by the ${config.pollMs} ms poller`, outage.kubelet503),
        timesRow(`503 naming Redis, seen by the ${config.sidePollMs} ms poller`, outage.side503),
        timesRow(`200 again after the restart, ${config.pollMs} ms poller`, outage.kubeletReady),
        timesRow(`200 again after the restart, ${config.sidePollMs} ms poller`, outage.sideReady),
      ],
    ),
    '',
    `A replica answers 503 at its first check after the kill that is not served from the cache: at most cacheTtl ` +
      `(${config.cacheTtlMs} ms) + the PING timeout (${config.probeTimeoutMs} ms) after the kill, plus the gap to the ` +
      `next poll. The ${config.pollMs} ms poller adds up to one period; a kubelet with \`failureThreshold: 3\` marks ` +
      'the pod unready two periods later still. After the restart a replica answers 200 at its first uncached check ' +
      "once ioredis has reconnected, and ioredis' reconnect backoff (the example's `retryStrategy`, capped at 2 s) " +
      'dominates: the whole fleet comes back within one backoff step of each other. Poller requests without an ' +
      'answer (timeouts, resets) during the run: ' +
      `${outage.pollerErrors}.`,
    '',
    alertsTable(config, outage.alerts),
    '',
    groupingVerdict(config, outage.alerts),
    shipped?.activeS === undefined
      ? ''
      : `The rule as shipped went pending ${fixed(shipped.activeS, 1)} s after the kill and would fire ${forS} s later ` +
        `(${fixed(shipped.activeS + forS, 1)} s after the kill), by design: \`for: ${shippedFor}\` keeps a blip ` +
        'from paging. Its resolution needs no `for`: it was gone with the copy once Redis was back.',
    '',
    '### Load on the dependency',
    '',
    loadTable(config, phases),
    '',
    "Redis probe runs come from the replicas' own `aether_readyz_probe_duration_seconds_count` (every real run, " +
      "failed ones included, never a cache hit); PINGs reaching Redis from redis-server's `INFO commandstats`. " +
      "Each replica runs a probe at most once per cacheTtl however often it is polled, so the fleet's load is " +
      'bounded by N / cacheTtl and does not follow the poll rate; with the kubelet alone it is N / poll period. ' +
      burstLine(burstFigures(phases, outage)),
    '',
    `### On paper: ${thousands(TARGET_REPLICAS)} replicas`,
    '',
    extrapolation(config, phases, outage, perReplicaSeries),
    '',
    'Dependency load scales with replicas × probes / cacheTtl, never with the poll rate; to cut it, raise ' +
      '`cacheTtlMs` (the detection time grows by as much) or run in heartbeat mode, where one background round per ' +
      'interval is the only load. The page volume does not scale with replicas at all.',
  ].join('\n');
}

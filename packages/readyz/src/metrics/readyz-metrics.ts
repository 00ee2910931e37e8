import { type Health, rejectUnknownOptions } from '@rollgate/core';
import { readyzError } from '../errors.js';
import type { ReadyzMetricsOptions } from '../types.js';
import { loadPromClient } from './load-prom-client.js';
import {
  type GaugeLike,
  type HistogramLike,
  type MetricsRegistry,
  metricConstructors,
  type PromClientLike,
} from './prom-types.js';

/** What the router records; scrapes read the engine's last results and never run a probe. */
export interface ReadyzMetrics {
  /** Records one full readiness check (no exclude, not a single probe). */
  recordReadiness(ok: boolean, seconds: number): void;
  /** The registry, for the optional /metrics route. */
  readonly registry: MetricsRegistry;
}

/** Default buckets in seconds: probe timeouts are capped at 5 s, so the top buckets catch timeouts. */
export const DEFAULT_LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Every key of `options.metrics`. */
const METRICS_OPTION_KEYS = Object.keys({
  registry: true,
  prefix: true,
  buckets: true,
  client: true,
} satisfies Record<keyof ReadyzMetricsOptions, true>);

const PREFIX_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

interface MetricSet {
  success: GaugeLike;
  latency: HistogramLike;
  probeSuccess: GaugeLike;
  probeDuration: HistogramLike;
  simulated: GaugeLike;
  buildInfo: GaugeLike;
  ledgers: Map<Health, ProbeRunLedger>;
}

// One metric set per (registry, prefix): several routers on one registry (one per health, or a router
// rebuilt on reload) share the series instead of colliding on registration.
const setsByRegistry = new WeakMap<object, Map<string, MetricSet>>();

/**
 * Records every real probe run exactly once, from the engine's `probe` event (cache hits never emit,
 * heartbeat rounds between scrapes are all counted). Scrapes only read what was recorded.
 */
class ProbeRunLedger {
  constructor(health: Health, set: MetricSet) {
    const service = health.service;
    // Results settled before the router existed still set the gauge, so a first scrape is not empty.
    try {
      for (const probe of health.snapshot()) {
        if (probe.status !== undefined)
          set.probeSuccess.set({ service, probe: probe.name }, probe.status === 'ok' ? 1 : 0);
      }
    } catch {
      // A router must not fail to build because the engine could not report.
    }
    health.on('probe', (run) => {
      const labels = { service, probe: run.name };
      set.probeSuccess.set(labels, run.status === 'ok' ? 1 : 0);
      if (Number.isFinite(run.durationMs))
        set.probeDuration.observe(labels, Math.max(0, run.durationMs) / 1000);
    });
  }
}

/** Sets `readyz_simulated` for every probe of `health`: 1 under a drill, 0 otherwise. */
function recordDrills(health: Health, gauge: GaugeLike): void {
  try {
    const drilled = new Set(health.drills().map((drill) => drill.probe));
    for (const probe of health.probeNames()) {
      gauge.set({ service: health.service, probe }, drilled.has(probe) ? 1 : 0);
    }
  } catch {
    // A scrape must not fail because one engine could not say.
  }
}

function validBuckets(buckets: readonly number[]): boolean {
  return (
    buckets.length > 0 &&
    buckets.every((b, i) => Number.isFinite(b) && b > 0 && (i === 0 || b > (buckets[i - 1] ?? 0)))
  );
}

function createMetricSet(
  client: PromClientLike,
  registry: MetricsRegistry,
  prefix: string,
  buckets: readonly number[],
): MetricSet {
  const names = [
    'readyz_success',
    'readyz_latency_seconds',
    'readyz_probe_success',
    'readyz_probe_duration_seconds',
    'readyz_simulated',
    'readyz_build_info',
  ];
  for (const name of names) {
    if (registry.getSingleMetric(prefix + name) !== undefined) {
      throw readyzError('ROLLGATE_ERR_READYZ_METRIC_CONFLICT', `${prefix + name} exists in the registry`);
    }
  }
  const { Gauge, Histogram } = metricConstructors(client);
  const ledgers = new Map<Health, ProbeRunLedger>();
  const registers = [registry];
  // Read at scrape time from each health's drills: nothing is recorded per request or per run for it.
  const simulated: GaugeLike = new Gauge({
    name: `${prefix}readyz_simulated`,
    help: '1 while a failure drill (health.simulate) drives the probe, 0 otherwise: a failing probe with 1 is a drill, not an outage.',
    labelNames: ['service', 'probe'],
    registers,
    collect: () => {
      for (const health of ledgers.keys()) recordDrills(health, simulated);
    },
  });
  return {
    ledgers,
    simulated,
    buildInfo: new Gauge({
      name: `${prefix}readyz_build_info`,
      help: 'Always 1; the labels say which version and commit this replica runs (the *_build_info convention).',
      labelNames: ['service', 'version', 'git_sha'],
      registers,
    }),
    success: new Gauge({
      name: `${prefix}readyz_success`,
      help: '1 when the last full readiness check passed (ok or degraded), 0 when it failed.',
      labelNames: ['service'],
      registers,
    }),
    latency: new Histogram({
      name: `${prefix}readyz_latency_seconds`,
      help: 'Duration of full readiness checks answered by the readyz router.',
      labelNames: ['service'],
      registers,
      buckets: [...buckets],
    }),
    probeSuccess: new Gauge({
      name: `${prefix}readyz_probe_success`,
      help: '1 when the last real run of the probe passed, 0 when it failed.',
      labelNames: ['service', 'probe'],
      registers,
    }),
    probeDuration: new Histogram({
      name: `${prefix}readyz_probe_duration_seconds`,
      help: 'Duration of real probe runs (cache hits are not observed).',
      labelNames: ['service', 'probe'],
      registers,
      buckets: [...buckets],
    }),
  };
}

/** Creates (or joins) the readyz metric set on the host's registry; throws a coded RollgateError on misuse. */
export function createReadyzMetrics(health: Health, options: ReadyzMetricsOptions): ReadyzMetrics {
  rejectUnknownOptions(options, METRICS_OPTION_KEYS, 'createReadyz metrics');
  const { registry } = options;
  if (typeof registry?.getSingleMetric !== 'function' || typeof registry.metrics !== 'function') {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      'metrics.registry must be a prom-client Registry',
    );
  }
  const prefix = options.prefix ?? '';
  if (prefix !== '' && !PREFIX_RE.test(prefix)) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      `metrics.prefix "${prefix}" is not a metric name prefix`,
    );
  }
  const buckets = options.buckets ?? DEFAULT_LATENCY_BUCKETS;
  if (!validBuckets(buckets)) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      'metrics.buckets must be increasing positive numbers',
    );
  }
  let byPrefix = setsByRegistry.get(registry);
  if (!byPrefix) {
    byPrefix = new Map();
    setsByRegistry.set(registry, byPrefix);
  }
  let set = byPrefix.get(prefix);
  if (!set) {
    const client = options.client ?? loadPromClient();
    if (!client) {
      throw readyzError(
        'ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING',
        'install prom-client (>=15 <16) or pass metrics.client',
      );
    }
    set = createMetricSet(client, registry, prefix, buckets);
    byPrefix.set(prefix, set);
  }
  const metricSet = set;
  if (!metricSet.ledgers.has(health)) {
    metricSet.ledgers.set(health, new ProbeRunLedger(health, metricSet));
    metricSet.buildInfo.set(
      { service: health.service, version: health.version, git_sha: health.build?.git_sha ?? 'unknown' },
      1,
    );
  }
  return {
    registry,
    recordReadiness(ok, seconds) {
      const labels = { service: health.service };
      metricSet.success.set(labels, ok ? 1 : 0);
      metricSet.latency.observe(labels, Math.max(0, seconds));
    },
  };
}

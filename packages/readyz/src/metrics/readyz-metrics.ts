import type { Health } from '@rollgate/core';
import { ReadyzError } from '../errors.js';
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
  /** Observes probe runs the engine settled since the last sync (called after each check the router answers). */
  syncProbes(): void;
  /** The registry, for the optional /metrics route. */
  readonly registry: MetricsRegistry;
}

/** Default buckets in seconds: probe timeouts are capped at 5 s, so the top buckets catch timeouts. */
export const DEFAULT_LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

const PREFIX_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

interface MetricSet {
  success: GaugeLike;
  latency: HistogramLike;
  probeSuccess: GaugeLike;
  probeDuration: HistogramLike;
  ledgers: Map<Health, ProbeRunLedger>;
}

// One metric set per (registry, prefix): several routers on one registry (one per health, or a router
// rebuilt on reload) share the series instead of colliding on registration.
const setsByRegistry = new WeakMap<object, Map<string, MetricSet>>();

/**
 * Remembers which settled run of each probe it has observed. The engine's snapshot holds the last real
 * run (cache hits do not change it), so observing each new snapshot entry once records real runs only.
 * Runs that settle and are superseded between two syncs (background heartbeat runs between scrapes)
 * are seen only through their successor.
 */
class ProbeRunLedger {
  private readonly seen = new Map<string, string>();

  constructor(private readonly health: Health) {}

  sync(set: MetricSet): void {
    let snapshot: ReturnType<Health['snapshot']>;
    try {
      snapshot = this.health.snapshot();
    } catch {
      return; // a scrape must not fail because the engine could not report
    }
    const service = this.health.service;
    for (const probe of snapshot) {
      if (probe.status === undefined) continue;
      const labels = { service, probe: probe.name };
      set.probeSuccess.set(labels, probe.status === 'ok' ? 1 : 0);
      const mark = `${probe.settledAt}|${probe.durationMs}|${probe.status}|${probe.error ?? ''}`;
      if (this.seen.get(probe.name) === mark) continue;
      this.seen.set(probe.name, mark);
      if (probe.durationMs !== undefined && Number.isFinite(probe.durationMs)) {
        set.probeDuration.observe(labels, Math.max(0, probe.durationMs) / 1000);
      }
    }
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
  ];
  for (const name of names) {
    if (registry.getSingleMetric(prefix + name) !== undefined) {
      throw new ReadyzError('ROLLGATE_ERR_READYZ_METRIC_CONFLICT', `${prefix + name} exists in the registry`);
    }
  }
  const { Gauge, Histogram } = metricConstructors(client);
  const ledgers = new Map<Health, ProbeRunLedger>();
  const registers = [registry];
  // Both per-probe metrics sync from the engine's snapshot at scrape time; the sync is idempotent,
  // so whichever collect runs first does the work.
  let set: MetricSet | undefined;
  const collect = () => {
    if (set) for (const ledger of ledgers.values()) ledger.sync(set);
  };
  set = {
    ledgers,
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
      collect,
    }),
    probeDuration: new Histogram({
      name: `${prefix}readyz_probe_duration_seconds`,
      help: 'Duration of real probe runs (cache hits are not observed).',
      labelNames: ['service', 'probe'],
      registers,
      buckets: [...buckets],
      collect,
    }),
  };
  return set;
}

/** Creates (or joins) the readyz metric set on the host's registry; throws a coded ReadyzError on misuse. */
export function createReadyzMetrics(health: Health, options: ReadyzMetricsOptions): ReadyzMetrics {
  const { registry } = options;
  if (typeof registry?.getSingleMetric !== 'function' || typeof registry.metrics !== 'function') {
    throw new ReadyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      'metrics.registry must be a prom-client Registry',
    );
  }
  const prefix = options.prefix ?? '';
  if (prefix !== '' && !PREFIX_RE.test(prefix)) {
    throw new ReadyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      `metrics.prefix "${prefix}" is not a metric name prefix`,
    );
  }
  const buckets = options.buckets ?? DEFAULT_LATENCY_BUCKETS;
  if (!validBuckets(buckets)) {
    throw new ReadyzError(
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
      throw new ReadyzError(
        'ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING',
        'install prom-client (>=15 <16) or pass metrics.client',
      );
    }
    set = createMetricSet(client, registry, prefix, buckets);
    byPrefix.set(prefix, set);
  }
  const metricSet = set;
  let ledger = metricSet.ledgers.get(health);
  if (!ledger) {
    ledger = new ProbeRunLedger(health);
    metricSet.ledgers.set(health, ledger);
  }
  const own = ledger;
  return {
    registry,
    recordReadiness(ok, seconds) {
      const labels = { service: health.service };
      metricSet.success.set(labels, ok ? 1 : 0);
      metricSet.latency.observe(labels, Math.max(0, seconds));
    },
    syncProbes() {
      own.sync(metricSet);
    },
  };
}

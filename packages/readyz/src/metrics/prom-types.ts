// Structural slices of prom-client's API. Public types must not name prom-client: it is an optional
// peer, and a host without it must still type-check against @rollgate/readyz. Real prom-client 15
// objects fit these shapes (pinned by a type test).

/** The parts of a prom-client `Registry` readyz uses. */
export interface MetricsRegistry {
  /** The metric registered under `name`, if any. */
  getSingleMetric(name: string): unknown;
  /** The exposition text (what `/metrics` answers). */
  metrics(): Promise<string>;
  /** Content type of the exposition text. */
  readonly contentType: string;
}

/** Labels of one series. */
export type MetricLabels = Record<string, string>;

/** Constructor options shared by gauges and histograms. */
export interface MetricConfig {
  /** Metric name. */
  name: string;
  /** Help text. */
  help: string;
  /** Label names. */
  labelNames: readonly string[];
  /** Registries to register with (always the host's, never the global one by default). */
  registers: MetricsRegistry[];
  /** Called at scrape time, before the values are read. */
  collect?: () => void | Promise<void>;
}

/** The parts of a prom-client `Gauge` readyz uses. */
export interface GaugeLike {
  /** Sets one series. */
  set(labels: MetricLabels, value: number): void;
}

/** The parts of a prom-client `Histogram` readyz uses. */
export interface HistogramLike {
  /** Observes one value in one series. */
  observe(labels: MetricLabels, value: number): void;
}

/**
 * The prom-client module, as far as readyz uses it (pass `import * as client from 'prom-client'`).
 * The constructors take `never` so prom-client's own, stricter configuration types fit; readyz calls
 * them with {@link MetricConfig}.
 */
export interface PromClientLike {
  /** prom-client's `Gauge` class. */
  Gauge: new (
    config: never,
  ) => GaugeLike;
  /** prom-client's `Histogram` class. */
  Histogram: new (
    config: never,
  ) => HistogramLike;
}

/** How readyz constructs metrics with the host's classes. */
export interface MetricConstructors {
  /** Builds a gauge. */
  Gauge: new (
    config: MetricConfig,
  ) => GaugeLike;
  /** Builds a histogram. */
  Histogram: new (
    config: MetricConfig & { buckets: number[] },
  ) => HistogramLike;
}

/**
 * Views the module's classes with the configuration readyz passes. prom-client types `registers` as
 * its own Registry class; the registry here is the host's instance of it, seen structurally.
 */
export function metricConstructors(client: PromClientLike): MetricConstructors {
  return client as unknown as MetricConstructors;
}

// The server's own Prometheus metrics, in the host's registry (or its own): decisions by outcome and endpoint,
// and the latency of every Prometheus query by outcome.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { QueryRecord } from '../analysis/run.js';

/** The analysis server's metrics. */
export interface AnalysisMetrics {
  /** Counts one answered analysis. */
  decision(endpoint: string, decision: string): void;
  /** Observes one Prometheus query. */
  query(record: QueryRecord): void;
}

/** Query latency buckets, seconds: Prometheus answers in milliseconds when well, up to the 10 s timeout when not. */
export const QUERY_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Registers `rollgate_analysis_decisions_total` and `rollgate_analysis_prometheus_query_duration_seconds`. */
export function createAnalysisMetrics(registry: Registry): AnalysisMetrics {
  const decisions = new Counter({
    name: 'rollgate_analysis_decisions_total',
    help: 'Analyses answered, by endpoint and decision (bad_request and busy for refused requests).',
    labelNames: ['endpoint', 'decision'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'rollgate_analysis_prometheus_query_duration_seconds',
    help: 'Prometheus range queries made by the analysis, by outcome (ok, timeout, network, http, prometheus, too_large, bad_response).',
    labelNames: ['outcome'],
    buckets: QUERY_LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    decision: (endpoint, decision) => decisions.inc({ endpoint, decision }),
    query: (record) => latency.observe({ outcome: record.outcome }, record.durationMs / 1000),
  };
}

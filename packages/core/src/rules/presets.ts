// Ready-made rules for the contracts rollgate was designed from (../shared/seeds). Metric names follow the
// OpenTelemetry-style names of the deployment → observability contract; feed the series under these names
// (or copy a preset and rename `metric`):
//
//   http.server.errors.rate          ratio 0..1 of failed requests (5xx / all), one sample per scrape
//   http.server.success.rate         ratio 0..1 of successful requests
//   http.server.duration.p95         p95 request latency (any unit), { canary, baseline } pairs
//   healthcheck.failures.rate        ratio 0..1 of failed health checks (readiness/liveness probes)
//   healthcheck.consecutive_failures heartbeat failures in a row (the contract's failure_threshold is 3)
//   contract_test.failures           failed contract tests per run (a count; report 0 when a run passes)
import type { RollbackRules, ThresholdRule } from '@rollgate/contract';

/** Metric names the presets read, keyed by what they measure. */
export const PRESET_METRICS = {
  errorRate: 'http.server.errors.rate',
  successRate: 'http.server.success.rate',
  latencyP95: 'http.server.duration.p95',
  healthcheckFailureRate: 'healthcheck.failures.rate',
  healthcheckConsecutiveFailures: 'healthcheck.consecutive_failures',
  contractTestFailures: 'contract_test.failures',
} as const;

/**
 * The canary contract's defaults: error rate > 2 % for 2 m, p95 > 2× baseline for 5 m, success rate < 98 % for
 * 2 m and health-check failure rate > 5 % for 1 m roll back; any contract-test failure blocks.
 */
export const CONTRACT_DEFAULT_RULES: RollbackRules = {
  schema_version: '1.0.0',
  name: 'contract-defaults',
  rules: [
    {
      id: 'error-rate',
      kind: 'threshold',
      metric: PRESET_METRICS.errorRate,
      op: '>',
      value: 0.02,
      for: '2m',
      action: 'rollback',
      description: 'Error rate > 2 % for 2 minutes: automatic rollback',
    },
    {
      id: 'p95-vs-baseline',
      kind: 'baseline_ratio',
      metric: PRESET_METRICS.latencyP95,
      op: '>',
      ratio: 2,
      for: '5m',
      aggregate: 'mean',
      action: 'rollback',
      description: 'Latency p95 > 2x baseline for 5 minutes: automatic rollback',
    },
    {
      id: 'success-rate',
      kind: 'threshold',
      metric: PRESET_METRICS.successRate,
      op: '<',
      value: 0.98,
      for: '2m',
      action: 'rollback',
      description: 'Success rate < 98 % for 2 minutes: automatic rollback',
    },
    {
      id: 'healthcheck-failure-rate',
      kind: 'threshold',
      metric: PRESET_METRICS.healthcheckFailureRate,
      op: '>',
      value: 0.05,
      for: '1m',
      action: 'rollback',
      description: 'Health check failure rate > 5 % for 1 minute: automatic rollback',
    },
    {
      id: 'contract-tests',
      kind: 'count',
      metric: PRESET_METRICS.contractTestFailures,
      op: '>',
      value: 0,
      window: '5m',
      // A test run reports once: one sample is the whole evidence, so the window need not be covered.
      minCoverage: 0,
      action: 'block',
      description: 'Any contract test failure: block the deployment',
    },
  ],
};

/**
 * `canary_error_rate_exceeds_threshold` (deployment → observability contract): http.server.errors.rate > 2 %
 * over 5 m → rollback. The metric is read as a 5-minute rate: the latest sample decides, once 5 m are covered.
 */
export const CANARY_ERROR_RATE_EXCEEDS_THRESHOLD: ThresholdRule = {
  id: 'canary_error_rate_exceeds_threshold',
  kind: 'threshold',
  metric: PRESET_METRICS.errorRate,
  op: '>',
  value: 0.02,
  window: '5m',
  action: 'rollback',
  description: 'http.server.errors.rate > 2% (5m) → ROLLBACK',
};

/**
 * `healthcheck_failure_breach` (deployment → observability contract): the heartbeat's failure_threshold
 * (default 3 failures in a row) is reached during canary or steady state → rollback.
 */
export function healthcheckFailureBreach(failureThreshold = 3): ThresholdRule {
  return {
    id: 'healthcheck_failure_breach',
    kind: 'threshold',
    metric: PRESET_METRICS.healthcheckConsecutiveFailures,
    op: '>=',
    value: failureThreshold,
    window: '1m',
    action: 'rollback',
    description: `breach of failure_threshold (${failureThreshold} consecutive heartbeat failures) → ROLLBACK`,
  };
}

/** `healthcheck_failure_breach` with the contract's failure_threshold of 3. */
export const HEALTHCHECK_FAILURE_BREACH: ThresholdRule = healthcheckFailureBreach(3);

/** Every preset by name: the contract defaults and the two rollback signals as a rule set. */
export const ROLLBACK_PRESETS: Readonly<Record<'contract-defaults' | 'rollback-signals', RollbackRules>> = {
  'contract-defaults': CONTRACT_DEFAULT_RULES,
  'rollback-signals': {
    schema_version: '1.0.0',
    name: 'rollback-signals',
    rules: [CANARY_ERROR_RATE_EXCEEDS_THRESHOLD, HEALTHCHECK_FAILURE_BREACH],
  },
};

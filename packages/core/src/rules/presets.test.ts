import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from './evaluate.js';
import {
  CANARY_ERROR_RATE_EXCEEDS_THRESHOLD,
  CONTRACT_DEFAULT_RULES,
  HEALTHCHECK_FAILURE_BREACH,
  healthcheckFailureBreach,
  PRESET_METRICS,
  ROLLBACK_PRESETS,
} from './presets.js';
import { byAge, flat, M, NOW, S } from './test-series.js';

describe('presets', () => {
  it.each(Object.entries(ROLLBACK_PRESETS))('%s is a valid rollback-rules document', (_name, doc) => {
    expect(parseContract('rollback-rules', doc)).toMatchObject({ ok: true });
    expect(evaluateRollback({ rules: doc, series: {}, now: NOW }).issues).toEqual([]);
  });

  it('the contract defaults are the seed table', () => {
    const summary = CONTRACT_DEFAULT_RULES.rules.map((r) => {
      const { id, kind, metric, action } = r;
      const bound = 'value' in r ? `${r.op} ${r.value}` : 'ratio' in r ? `${r.op} ${r.ratio}x` : '';
      return [id, kind, metric, bound, 'for' in r ? r.for : 'window' in r ? r.window : undefined, action];
    });
    expect(summary).toEqual([
      ['error-rate', 'threshold', 'http.server.errors.rate', '> 0.02', '2m', 'rollback'],
      ['p95-vs-baseline', 'baseline_ratio', 'http.server.duration.p95', '> 2x', '5m', 'rollback'],
      ['success-rate', 'threshold', 'http.server.success.rate', '< 0.98', '2m', 'rollback'],
      ['healthcheck-failure-rate', 'threshold', 'healthcheck.failures.rate', '> 0.05', '1m', 'rollback'],
      ['contract-tests', 'count', 'contract_test.failures', '> 0', '5m', 'block'],
    ]);
  });

  it('every preset reads a documented metric', () => {
    const known = new Set<string>(Object.values(PRESET_METRICS));
    for (const doc of Object.values(ROLLBACK_PRESETS))
      for (const r of doc.rules) expect(known).toContain(r.metric);
  });

  it('canary_error_rate_exceeds_threshold: > 2 % over 5 m rolls back, 2 % exactly does not', () => {
    const judge = (latest: number) =>
      evaluateRollback({
        rules: [CANARY_ERROR_RATE_EXCEEDS_THRESHOLD],
        series: {
          [PRESET_METRICS.errorRate]: [...flat(0.01, 20, 15 * S, NOW - 15 * S), { t: NOW, value: latest }],
        },
        now: NOW,
      }).action;
    expect(judge(0.021)).toBe('rollback');
    expect(judge(0.02)).toBe('promote');
  });

  it('healthcheck_failure_breach: the failure threshold (3 in a row) reached rolls back', () => {
    const judge = (failures: number, rule = HEALTHCHECK_FAILURE_BREACH) =>
      evaluateRollback({
        rules: [rule],
        series: {
          [PRESET_METRICS.healthcheckConsecutiveFailures]: byAge(
            (age) => (age === 0 ? failures : 0),
            M,
            10 * S,
          ),
        },
        now: NOW,
      }).action;
    expect(judge(2)).toBe('promote');
    expect(judge(3)).toBe('rollback');
    expect(judge(4, healthcheckFailureBreach(5))).toBe('promote');
  });
});

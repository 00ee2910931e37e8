import { parseContract, ROLLBACK_TOPIC } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import { evaluateRollback } from './evaluate.js';
import { CONTRACT_DEFAULT_RULES } from './presets.js';
import {
  ROLLBACK_REQUESTED_TOPIC,
  type RollbackEventContext,
  toRollbackRequested,
} from './rollback-event.js';
import { flat, NOW, S } from './test-series.js';
import type { SeriesInput } from './types.js';

const context: RollbackEventContext = {
  service: 'orders-api',
  environment: 'production',
  version: '1.4.0',
  correlationId: 'deploy-2025-10-02-001',
  now: NOW,
  offset: '+08:00',
};

const healthy: SeriesInput = {
  'http.server.errors.rate': flat(0.005, 21),
  'http.server.success.rate': flat(0.995, 21),
  'http.server.duration.p95': { canary: flat(110, 21), baseline: flat(100, 21) },
  'healthcheck.failures.rate': flat(0, 21),
  'contract_test.failures': [{ t: NOW - 30 * S, value: 0 }],
};

const decide = (overrides: SeriesInput) =>
  evaluateRollback({ rules: CONTRACT_DEFAULT_RULES, series: { ...healthy, ...overrides }, now: NOW });

describe('toRollbackRequested', () => {
  it('builds the contract event from the deciding reason, valid under the observability profile', () => {
    const decision = decide({ 'http.server.errors.rate': flat(0.035, 21) });
    expect(decision.action).toBe('rollback');
    const result = toRollbackRequested(decision, { ...context, taskId: 'task-7', phaseIndex: 1 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const event = result.value;
    expect(event).toMatchObject({
      type: 'rollback.requested',
      topic: 'observability/deploy/rollback',
      service: 'orders-api',
      env: 'production',
      environment: 'production',
      version: '1.4.0',
      correlation_id: 'deploy-2025-10-02-001',
      task_id: 'task-7',
      phase_index: 1,
      timestamp: '2025-10-02T20:00:00.000+08:00',
      observed: { metric: 'http.server.errors.rate', value: 0.035, window: '2m' },
    });
    expect(event.reason).toMatch(
      /^rollback by rule error-rate: http\.server\.errors\.rate has been above 0\.02/,
    );
    expect(parseContract('rollback-requested', event)).toMatchObject({ ok: true });
    expect(parseContract('telemetry-event', event, { profile: 'observability' })).toMatchObject({ ok: true });
    expect(ROLLBACK_REQUESTED_TOPIC).toBe(ROLLBACK_TOPIC);
  });

  it('a block names the blocking rule and its count', () => {
    const decision = decide({ 'contract_test.failures': [{ t: NOW - 30 * S, value: 2 }] });
    const result = toRollbackRequested(decision, context);
    expect(result.ok && result.value.observed).toEqual({
      metric: 'contract_test.failures',
      value: 2,
      window: '5m',
    });
    expect(result.ok && result.value.reason).toMatch(/^blocked by rule contract-tests/);
    expect(result.ok && parseContract('rollback-requested', result.value).ok).toBe(true);
  });

  it('an unbounded baseline ratio reports the canary aggregate as the observed value', () => {
    const decision = decide({ 'http.server.duration.p95': { canary: flat(40, 21), baseline: flat(0, 21) } });
    const result = toRollbackRequested(decision, context);
    expect(result.ok && result.value.observed).toEqual({
      metric: 'http.server.duration.p95',
      value: 40,
      window: '5m',
    });
  });

  it.each([
    ['promote', {}],
    ['inconclusive', { 'http.server.errors.rate': [] }],
    ['continue', { 'http.server.errors.rate': flat(0.005, 3) }],
  ] as const)('returns an issue, not an event, for a %s decision', (action, overrides) => {
    const decision = decide(overrides);
    expect(decision.action).toBe(action);
    const result = toRollbackRequested(decision, context);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: ROLLBACK_ISSUE_CODES.NOT_A_ROLLBACK,
          path: 'decision.action',
          message: `the decision is "${action}", not a rollback or block`,
        },
      ],
    });
  });

  it('a noData: rollback decision without a measurement is explained, not emitted with a made-up value', () => {
    const decision = evaluateRollback({
      rules: [{ id: 'r', kind: 'threshold', metric: 'x', op: '>', value: 1, noData: 'rollback' }],
      series: {},
      now: NOW,
    });
    expect(decision.action).toBe('rollback');
    const result = toRollbackRequested(decision, context);
    expect(result).toMatchObject({ ok: false, issues: [{ code: ROLLBACK_ISSUE_CODES.NOT_A_ROLLBACK }] });
    expect(!result.ok && result.issues[0]!.message).toMatch(/without a finite measurement \(no_data\)/);
  });

  it('bad context fields are returned as issues, one per context field', () => {
    const decision = decide({ 'http.server.errors.rate': flat(0.035, 21) });
    const result = toRollbackRequested(decision, {
      ...context,
      environment: 'Prod',
      service: ' ',
      offset: '+8',
      now: Number.NaN,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual([
      'context.environment',
      'context.now',
      'context.offset',
      'context.service',
    ]);
    for (const issue of result.issues) expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
  });

  it('the context names the environment once; a leftover `env` is an unknown field', () => {
    const decision = decide({ 'http.server.errors.rate': flat(0.035, 21) });
    const { environment: _, ...withoutEnvironment } = context;
    const result = toRollbackRequested(decision, {
      ...withoutEnvironment,
      env: 'production',
    } as unknown as RollbackEventContext);
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { code: 'unrecognized_key', path: 'context.env' },
        { code: 'invalid_type', path: 'context.environment' },
      ],
    });
  });

  it('accepts a Date and defaults to UTC', () => {
    const decision = decide({ 'http.server.errors.rate': flat(0.035, 21) });
    const result = toRollbackRequested(decision, { ...context, now: new Date(NOW), offset: undefined });
    expect(result.ok && result.value.timestamp).toBe('2025-10-02T12:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors.js';
import { parseContract } from '../parse/parse-contract.js';
import { createEvent, type EventFields, isEventOfType } from './create-event.js';
import { ROLLBACK_TOPIC, TELEMETRY_EVENT_TYPES, type TelemetryEventType } from './telemetry-event.js';

const NOW = Date.UTC(2025, 9, 2, 12, 15, 0);
const clock = { now: NOW, offset: '+08:00' };
const common = {
  correlation_id: 'c0ffee-2025-10-02-orders-api',
  task_id: 'task-3c0d43ec',
  phase_index: 2,
  environment: 'production',
  version: '1.4.0',
  service: 'orders-api',
};

/** Fields of one realistic event per type, as an orchestrator following seed 000 would send them. */
const FIELDS: { [K in TelemetryEventType]: EventFields<K> } = {
  'deploy.started': { ...common, rollout_strategy: 'canary' },
  'deploy.completed': { ...common, status: 'succeeded', duration_ms: 192_480 },
  'health.ok': { ...common, group: 'readiness', status: 'ok' },
  'health.failed': { ...common, group: 'readiness', dependency: 'Redis', error: 'PING timeout after 300ms' },
  'canary.started': { ...common, weight: 5 },
  'canary.completed': { ...common, weight: 5, outcome: 'advanced' },
  'rollback.requested': {
    ...common,
    reason: 'canary_error_rate_exceeds_threshold: http.server.errors.rate > 2% (5m)',
    observed: { metric: 'http.server.errors.rate', value: 0.034, window: '5m' },
  },
  'rollback.completed': { ...common, status: 'succeeded', duration_ms: 281_000 },
};

describe('createEvent', () => {
  it('covers all eight event types', () => {
    expect(Object.keys(FIELDS).sort()).toEqual([...TELEMETRY_EVENT_TYPES].sort());
  });

  it.each(TELEMETRY_EVENT_TYPES)('builds a valid %s event in +08:00', (type) => {
    const event = createEvent(type, FIELDS[type] as EventFields<typeof type>, clock);
    expect(event.type).toBe(type);
    expect(event.timestamp).toBe('2025-10-02T20:15:00.000+08:00');
    expect(event).toMatchObject(FIELDS[type]);
    expect(isEventOfType(event, type)).toBe(true);
    expect(parseContract('telemetry-event', event, { profile: 'observability' }).ok).toBe(true);
  });

  it('fills the rollback topic and env of rollback.requested', () => {
    const event = createEvent('rollback.requested', FIELDS['rollback.requested'], clock);
    expect(event.topic).toBe(ROLLBACK_TOPIC);
    expect(event.topic).toBe('observability/deploy/rollback');
    expect(event.env).toBe('production');
    expect(parseContract('rollback-requested', event).ok).toBe(true);
    const explicit = createEvent(
      'rollback.requested',
      { ...FIELDS['rollback.requested'], env: 'prod-eu' },
      clock,
    );
    expect(explicit.env).toBe('prod-eu');
  });

  it('takes now as a Date or epoch milliseconds, and writes Z without an offset', () => {
    const fields = FIELDS['health.ok'];
    expect(createEvent('health.ok', fields, { now: new Date(NOW), offset: '+08:00' })).toEqual(
      createEvent('health.ok', fields, clock),
    );
    expect(createEvent('health.ok', fields, { now: NOW }).timestamp).toBe('2025-10-02T12:15:00.000Z');
  });

  it('keeps a timestamp the caller already has', () => {
    const event = createEvent(
      'health.ok',
      { ...FIELDS['health.ok'], timestamp: '2025-10-02T20:03:42+08:00' },
      clock,
    );
    expect(event.timestamp).toBe('2025-10-02T20:03:42+08:00');
  });

  it('is deterministic', () => {
    expect(createEvent('canary.started', FIELDS['canary.started'], clock)).toEqual(
      createEvent('canary.started', FIELDS['canary.started'], clock),
    );
  });

  it('leaves optional fields out when they are undefined', () => {
    const event = createEvent('deploy.started', { ...FIELDS['deploy.started'], task_id: undefined }, clock);
    expect('task_id' in event).toBe(false);
  });
});

describe('createEvent with invalid fields', () => {
  const issuesOf = (build: () => unknown) => {
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      const contractError = error as ContractError;
      expect(contractError.code).toBe('ROLLGATE_ERR_INVALID_EVENT');
      for (const issue of contractError.issues) expect(contractError.message).toContain(issue.path);
      return [...new Set(contractError.issues.map((i) => i.path))].sort();
    }
    throw new Error('createEvent did not throw');
  };

  it('throws a ContractError naming every bad field', () => {
    const paths = issuesOf(() =>
      createEvent(
        'deploy.started',
        { ...FIELDS['deploy.started'], environment: 'PROD', phase_index: -1, correlation_id: '' },
        clock,
      ),
    );
    expect(paths).toEqual(['correlation_id', 'environment', 'phase_index']);
  });

  it('reports nested paths of the observed metric', () => {
    const paths = issuesOf(() =>
      createEvent(
        'rollback.requested',
        {
          ...FIELDS['rollback.requested'],
          observed: { metric: 'http.server.errors.rate', value: 0.034, window: 'five minutes' },
        },
        clock,
      ),
    );
    expect(paths).toEqual(['observed.window']);
  });

  it.each([
    ['canary.started', { ...FIELDS['canary.started'], weight: 150 }, ['weight']],
    ['deploy.completed', { ...FIELDS['deploy.completed'], status: 'done' }, ['status']],
    ['health.ok', { ...FIELDS['health.ok'], service: undefined }, ['service']],
    ['health.failed', { ...FIELDS['health.failed'], failures: 'redis' }, ['failures']],
    ['canary.completed', { ...FIELDS['canary.completed'], outcome: 'finished' }, ['outcome']],
    ['rollback.completed', { ...FIELDS['rollback.completed'], duration_ms: -1 }, ['duration_ms']],
    ['deploy.started', { ...FIELDS['deploy.started'], rollout_strategy: 'big_bang' }, ['rollout_strategy']],
    ['health.ok', { ...FIELDS['health.ok'], extra: true }, ['extra']],
  ] as const)('refuses a bad %s', (type, fields, expected) => {
    expect(issuesOf(() => createEvent(type, fields as never, clock))).toEqual(expected);
  });

  it('holds a caller timestamp to the +08:00 profile when that offset is asked for', () => {
    const paths = issuesOf(() =>
      createEvent('health.ok', { ...FIELDS['health.ok'], timestamp: '2025-10-02T12:03:42Z' }, clock),
    );
    expect(paths).toEqual(['timestamp']);
  });

  it('refuses an unknown event type at run time', () => {
    expect(
      issuesOf(() =>
        createEvent('deploy.finished' as TelemetryEventType, FIELDS['health.ok'] as never, clock),
      ),
    ).toEqual(['type']);
  });

  it('throws a RangeError for an offset that is not one', () => {
    expect(() => createEvent('health.ok', FIELDS['health.ok'], { now: NOW, offset: 'UTC+8' })).toThrow(
      RangeError,
    );
  });
});

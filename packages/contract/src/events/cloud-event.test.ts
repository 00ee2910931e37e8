import { createRequire } from 'node:module';
import { CloudEvent as SdkCloudEvent } from 'cloudevents';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRollgateError } from '../errors/rollgate-error.js';
import { isTimestamp, TIMESTAMP_PATTERN } from '../primitives/time.js';
import { CLOUDEVENT_TYPE_PREFIX, canonicalJson, toCloudEvent } from './cloud-event.js';
import { createEvent, type EventFields } from './create-event.js';
import { TELEMETRY_EVENT_TYPES, type TelemetryEvent, type TelemetryEventType } from './telemetry-event.js';

// The CloudEvents SDK ships the spec's own JSON Schema (spec/cloudevents/formats/cloudevents.json)
// compiled by ajv into a standalone validate function.
interface CompiledSchema {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
const validateCloudEvent = createRequire(import.meta.url)('cloudevents/dist/schema/v1.js') as CompiledSchema;

const CORE_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'dataschema',
  'data',
  'data_base64',
]);

const clock = { now: Date.UTC(2025, 9, 2, 12, 15, 0), offset: '+08:00' };
const common = {
  correlation_id: 'c0ffee-2025-10-02-orders-api',
  task_id: 'task-3c0d43ec',
  phase_index: 2,
  environment: 'production',
  version: '1.4.0',
  service: 'orders-api',
};
const FIELDS: { [K in TelemetryEventType]: EventFields<K> } = {
  'deploy.started': { ...common, rollout_strategy: 'canary' },
  'deploy.completed': { ...common, status: 'succeeded', duration_ms: 192_480 },
  'health.ok': { ...common, status: 'ok' },
  'health.failed': { ...common, dependency: 'Redis', error: 'PING timeout after 300ms' },
  'canary.started': { ...common, weight: 5 },
  'canary.completed': { ...common, weight: 100, outcome: 'promoted' },
  'rollback.requested': {
    ...common,
    reason: 'canary_error_rate_exceeds_threshold',
    observed: { metric: 'http.server.errors.rate', value: 0.034, window: '5m' },
  },
  'rollback.completed': { ...common, status: 'succeeded' },
};
const eventOf = (type: TelemetryEventType): TelemetryEvent =>
  createEvent(type, FIELDS[type] as EventFields<typeof type>, clock);

function expectValidCloudEvent(envelope: unknown) {
  const valid = validateCloudEvent(envelope);
  expect(validateCloudEvent.errors ?? null, JSON.stringify(validateCloudEvent.errors)).toBeNull();
  expect(valid).toBe(true);
}

describe('toCloudEvent', () => {
  it.each(TELEMETRY_EVENT_TYPES)('maps %s to an envelope the CloudEvents JSON Schema accepts', (type) => {
    const event = eventOf(type);
    const envelope = toCloudEvent(event);
    expectValidCloudEvent(JSON.parse(JSON.stringify(envelope)));
    expect(envelope).toMatchObject({
      specversion: '1.0',
      type: `dev.rollgate.${type}`,
      source: 'urn:rollgate:orders-api',
      subject: 'orders-api',
      time: '2025-10-02T20:15:00.000+08:00',
      datacontenttype: 'application/json',
    });
    expect(envelope.type.startsWith(CLOUDEVENT_TYPE_PREFIX)).toBe(true);
    expect(envelope.data).toEqual(event);
    // The SDK enforces attribute naming too, and reads the extensions back.
    const sdkEvent = new SdkCloudEvent({ ...envelope });
    expect(sdkEvent.validate()).toBe(true);
    expect(sdkEvent.correlationid).toBe(event.correlation_id);
  });

  it.each(TELEMETRY_EVENT_TYPES)(
    'carries correlation_id, task_id and phase_index of %s as lowercase extensions',
    (type) => {
      const event = eventOf(type);
      const envelope = toCloudEvent(event) as unknown as Record<string, unknown>;
      for (const name of Object.keys(envelope)) {
        expect(name, 'CloudEvents attribute names are lowercase letters and digits').toMatch(
          CORE_ATTRIBUTES.has(name) ? /^[a-z0-9_]+$/ : /^[a-z0-9]{1,20}$/,
        );
      }
      const extensions = Object.keys(envelope).filter((k) => !CORE_ATTRIBUTES.has(k));
      expect(extensions.sort()).toEqual(['correlationid', 'phaseindex', 'taskid']);
      expect(envelope.correlationid).toBe('c0ffee-2025-10-02-orders-api');
      expect(envelope.taskid).toBe('task-3c0d43ec');
      expect(envelope.phaseindex).toBe(2);
    },
  );

  it('leaves out taskid and phaseindex when the event has none', () => {
    const event = createEvent(
      'health.ok',
      {
        correlation_id: 'c0ffee',
        environment: 'production',
        version: '1.4.0',
        service: 'orders-api',
        status: 'ok',
      },
      clock,
    );
    const envelope = toCloudEvent(event);
    expect('taskid' in envelope).toBe(false);
    expect('phaseindex' in envelope).toBe(false);
    expect(envelope.correlationid).toBe('c0ffee');
    expectValidCloudEvent(envelope);
  });

  it('keeps phase_index 0', () => {
    const event = createEvent('canary.started', { ...FIELDS['canary.started'], phase_index: 0 }, clock);
    expect(toCloudEvent(event).phaseindex).toBe(0);
  });

  it('gives the same event the same id, whatever its key order, and a different event another id', () => {
    const event = eventOf('rollback.requested');
    const reordered = Object.fromEntries(Object.entries(event).reverse()) as TelemetryEvent;
    expect(toCloudEvent(event).id).toBe(toCloudEvent(reordered).id);
    expect(toCloudEvent(event)).toEqual(toCloudEvent(event));
    expect(toCloudEvent(event).id).toMatch(/^[0-9a-f]{32}$/);
    const later = createEvent('rollback.requested', FIELDS['rollback.requested'], {
      ...clock,
      now: clock.now + 1,
    });
    expect(toCloudEvent(later).id).not.toBe(toCloudEvent(event).id);
    const ids = new Set(TELEMETRY_EVENT_TYPES.map((t) => toCloudEvent(eventOf(t)).id));
    expect(ids.size).toBe(TELEMETRY_EVENT_TYPES.length);
  });

  it('takes id and source overrides', () => {
    const envelope = toCloudEvent(eventOf('health.ok'), {
      id: 'evt-1',
      source: 'https://orders.example.com/readyz',
    });
    expect(envelope.id).toBe('evt-1');
    expect(envelope.source).toBe('https://orders.example.com/readyz');
    expectValidCloudEvent(envelope);
  });

  it('stays a valid CloudEvent for any service name, instant and offset', () => {
    const name = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^\S(.*\S)?$/.test(s));
    const offset = fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45))
      .map(([s, h, m]) => `${s}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        name,
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        offset,
        (service, now, off) => {
          const event = createEvent('health.ok', { ...FIELDS['health.ok'], service }, { now, offset: off });
          const envelope = toCloudEvent(event);
          expectValidCloudEvent(JSON.parse(JSON.stringify(envelope)));
          expect(envelope.subject).toBe(service);
        },
      ),
      { seed: 23, numRuns: 300 },
    );
  });
});

describe('toCloudEvent on any timestamp the contract accepts', () => {
  // Strings drawn from the Timestamp pattern itself, so widening the pattern widens this test.
  const timestamp = fc.stringMatching(new RegExp(TIMESTAMP_PATTERN)).filter(isTimestamp);

  it('always produces a valid CloudEvents time', () => {
    fc.assert(
      fc.property(timestamp, (time) => {
        const event = createEvent('health.ok', { ...FIELDS['health.ok'], timestamp: time }, { now: 0 });
        expectValidCloudEvent(toCloudEvent(event));
      }),
      { seed: 29, numRuns: 1_000 },
    );
  });
});

describe('toCloudEvent options', () => {
  const event = createEvent('health.ok', FIELDS['health.ok'], { now: 0 });
  const refusal = (options: unknown): unknown => {
    try {
      toCloudEvent(event, options as { id?: string });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('refuses a misspelt key, naming the key it meant', () => {
    const error = refusal({ souce: 'urn:x' });
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((error as Error).message).toBe('toCloudEvent: unknown option "souce"; did you mean "source"?');
  });

  it('refuses an id or source that is not a non-empty string (CloudEvents requires both)', () => {
    for (const options of [{ id: 7 }, { source: '' }]) {
      const error = refusal(options);
      expect(isRollgateError(error, 'ROLLGATE_ERR_INVALID_OPTION')).toBe(true);
      expect((error as Error).message).toContain(Object.keys(options)[0]);
    }
    expect(toCloudEvent(event, { id: 'e-1', source: 'urn:x' })).toMatchObject({ id: 'e-1', source: 'urn:x' });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});

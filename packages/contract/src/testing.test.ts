import { describe, expect, it } from 'vitest';
import { expectConforms, expectViolates } from './testing.js';

const plan = { schema_version: '1.0.0', steps: [{ weight: 10, hold: '5m' }, { weight: 100 }] };
const event = {
  type: 'health.ok',
  correlation_id: 'c0ffee',
  environment: 'production',
  version: '1.4.0',
  timestamp: '2025-10-02T12:03:42Z',
  service: 'orders-api',
  status: 'ok',
};

describe('expectConforms', () => {
  it('returns the typed value of a conforming document', () => {
    const value = expectConforms('canary-plan', plan);
    expect(value.steps[0]?.weight).toBe(10);
  });

  it('throws an Error listing every issue as path: message', () => {
    const bad = { steps: [{ weight: 150, hold: '5 min' }] };
    expect(() => expectConforms('canary-plan', bad)).toThrow(
      /value does not conform to canary-plan:\n {2}- steps\[0\]\.weight: .*<=100\n {2}- steps\[0\]\.hold: expected a duration/,
    );
  });

  it('names the document itself when the issue has no path', () => {
    expect(() => expectConforms('canary-plan', 'not a plan')).toThrow(/- \(document\): /);
  });

  it('passes options through (observability profile)', () => {
    expect(expectConforms('telemetry-event', event).type).toBe('health.ok');
    expect(() => expectConforms('telemetry-event', event, { profile: 'observability' })).toThrow(
      /timestamp: .*\+08:00/,
    );
  });
});

describe('expectViolates', () => {
  it('returns the issue paths of a violating document', () => {
    expect(expectViolates('canary-plan', { steps: [{ weight: 50 }, { weight: 10 }] })).toEqual(['steps']);
    expect(expectViolates('telemetry-event', event, { profile: 'observability' })).toEqual(['timestamp']);
  });

  it('throws when the document conforms', () => {
    expect(() => expectViolates('canary-plan', plan)).toThrow('value unexpectedly conforms to canary-plan');
  });
});

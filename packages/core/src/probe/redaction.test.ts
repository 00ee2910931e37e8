// `postgres://user:s3cret@db/x` must never leave the engine: not in a report body (verbose included),
// a span, a telemetry event, a change payload, a log line or a snapshot.
import type { TelemetryEvent } from '@rollgate/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealth } from './create-health.js';
import { memoryTracer, recordingLogger } from './test-kit.js';
import type { HealthChange } from './types.js';

const SECRET_URL = 'postgres://user:s3cret@db/x';

describe('redaction everywhere', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never shows s3cret in any body, span, event, change, log or snapshot', async () => {
    const { tracer, exporter } = memoryTracer();
    const logger = recordingLogger();
    const events: TelemetryEvent[] = [];
    const changes: HealthChange[] = [];
    const health = createHealth({
      service: 'orders-api',
      version: '1.4.0',
      cacheTtlMs: 0,
      tracer,
      logger,
      sinks: [(event) => events.push(event)],
    });
    health.on('change', (change) => {
      changes.push(change);
      throw new Error(`listener saw ${SECRET_URL}`);
    });
    health.register({
      name: 'rejects',
      check: () => Promise.reject(new Error(`connect failed: ${SECRET_URL}`)),
    });
    health.register({
      name: 'throws',
      check: () => {
        throw `cannot reach ${SECRET_URL}`;
      },
    });
    health.register({
      name: 'resolves-failure',
      critical: false,
      check: async () => ({ ok: false, error: SECRET_URL }),
    });
    health.register({
      name: 'late',
      timeoutMs: 100,
      check: () =>
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`late ${SECRET_URL}`)), 500)),
    });
    health.register({
      name: 'object',
      check: () => Promise.reject({ detail: SECRET_URL, nested: { password: 's3cret' } }),
    });

    const pending = [health.check('readiness'), health.checkProbe('rejects'), health.checkProbe('object')];
    await vi.advanceTimersByTimeAsync(1000);
    const reports = await Promise.all(pending);

    const everything = JSON.stringify({
      reports,
      events,
      changes,
      logs: logger.lines,
      snapshot: health.snapshot(),
      spans: exporter.getFinishedSpans().map((span) => ({
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      })),
    });
    expect(everything).not.toContain('s3cret');
    // The redacted form is there, so the secret was not simply dropped with its context.
    expect(everything).toContain('postgres://user:***@db/x');
    expect(reports[0]?.checks?.find((c) => c.name === 'rejects')?.error).toBe(
      'connect failed: postgres://user:***@db/x',
    );
    expect(logger.lines.some((line) => line.fields.probe === 'late')).toBe(true);
    expect(events.length).toBeGreaterThan(0);
    expect(exporter.getFinishedSpans().length).toBeGreaterThan(0);
  });

  it('health.redact() applies the same redactor, host patterns included', () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0', redact: [/acct-\d{6}/] });
    expect(health.redact(`${SECRET_URL} for acct-123456`)).toBe('postgres://user:***@db/x for ***');
  });
});

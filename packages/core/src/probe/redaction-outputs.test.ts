// Every secret form of secret-forms.ts, plus an exact secret, through every output of a health: reports (failing
// check and one-probe check), span attributes, events and status (including what a client library records on the
// active probe span), telemetry events, change payloads, log lines and the snapshot metrics read.

import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { TelemetryEvent } from '@rollgate/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { EXACT_SECRET, SECRET_FORMS } from './secret-forms.js';
import { memoryTracer, recordingLogger } from './test-kit.js';
import type { HealthChange } from './types.js';

const contextManager = new AsyncLocalStorageContextManager();

describe('every secret form in every output', () => {
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    contextManager.disable();
    context.disable();
  });

  it('leaves no fragment of any form anywhere', async () => {
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
      maxErrorLength: 4096,
      secrets: [EXACT_SECRET],
      sinks: [(event) => events.push(event)],
    });
    health.on('change', (change) => {
      changes.push(change);
    });
    const forms = [
      ...SECRET_FORMS,
      { name: 'exact secret', text: `vault said ${EXACT_SECRET}`, leaks: [EXACT_SECRET] },
    ];
    forms.forEach((form, index) => {
      health.register({
        name: `p${index}`,
        check: () => {
          // What an instrumented client does with the raw error: record it on the active span.
          const active = trace.getActiveSpan();
          active?.recordException(new Error(form.text));
          active?.setAttribute('db.statement', form.text);
          active?.addEvent(form.text, { 'error.text': form.text });
          active?.setStatus({ code: 2, message: form.text });
          throw new Error(form.text);
        },
      });
    });
    const readiness = await health.check('readiness');
    const single = await Promise.all(forms.map((_form, index) => health.checkProbe(`p${index}`)));

    const everything = JSON.stringify({
      readiness,
      single,
      events,
      changes,
      logs: logger.lines,
      snapshot: health.snapshot(),
      spans: exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      })),
    });
    for (const form of forms) {
      for (const leak of form.leaks) expect(everything, `${form.name} leaked ${leak}`).not.toContain(leak);
    }
    const probeSpans = exporter.getFinishedSpans().filter((span) => span.name === 'readyz.probe');
    expect(probeSpans.length).toBeGreaterThanOrEqual(forms.length);
    expect(probeSpans.some((span) => String(span.attributes['db.statement']).includes('***'))).toBe(true);
    expect(events.some((event) => event.type === 'health.failed')).toBe(true);
    await health.close();
  });
});

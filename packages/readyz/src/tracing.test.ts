import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { recordSpans } from './span-kit.js';
import { healthWith, pass } from './test-kit.js';

const { exporter, tracer } = recordSpans('host-http');

describe('tracing', () => {
  it("adds no span of its own: the engine's readyz.check spans stay the only ones, and the host's HTTP span gets http.route", async () => {
    const health = healthWith([{ name: 'db', check: pass }], { tracer });
    const readyz = createReadyz(health);
    exporter.reset();
    await tracer.startActiveSpan('GET', async (span) => {
      await readyz.handle({ method: 'GET', path: '/readyz/db' });
      span.end();
    });
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name).sort();
    expect(names).toEqual(['GET', 'readyz.check', 'readyz.probe']);
    expect(spans.find((s) => s.name === 'GET')?.attributes['http.route']).toBe('/readyz/:probe');
    const check = spans.find((s) => s.name === 'readyz.check');
    expect(check?.parentSpanContext?.spanId).toBe(spans.find((s) => s.name === 'GET')?.spanContext().spanId);
  });

  it('without an active span nothing is recorded and nothing breaks', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    exporter.reset();
    expect(trace.getActiveSpan()).toBeUndefined();
    expect((await readyz.handle({ method: 'GET', path: '/readyz' })).status).toBe(200);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

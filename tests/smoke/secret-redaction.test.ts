// Every secret form (packages/core/src/probe/secret-forms.ts) and an exact secret, over real sockets on the
// Fastify, Express and node:http adapters, in every output: /readyz, ?verbose, application/health+json (plain and
// verbose), /readyz/<probe>, the metrics exposition, span attributes/events/status (including what a client records
// on the active probe span), telemetry events and log lines.
import { trace } from '@opentelemetry/api';
import type { TelemetryEvent } from '@rollgate/contract';
import { createHealth, type Health } from '@rollgate/core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../packages/adapters/tests/apps/index.js';
import { EXACT_SECRET, SECRET_FORMS } from '../../packages/core/src/probe/secret-forms.js';
import { enableActiveContext, memoryTracer } from '../../packages/core/src/probe/test-kit.js';
import { http } from '../support/index.js';

const FORMS = [
  ...SECRET_FORMS,
  { name: 'exact secret', text: `vault said ${EXACT_SECRET}`, leaks: [EXACT_SECRET] },
];
const ADAPTERS = ['fastify', 'express5', 'node'] as const;
let disableContext: () => void = () => {};

interface Rig {
  app: TestApp;
  health: Health;
  exporter: ReturnType<typeof memoryTracer>['exporter'];
  events: TelemetryEvent[];
  logs: unknown[];
}

const rigs = new Map<(typeof ADAPTERS)[number], Rig>();

beforeAll(async () => {
  disableContext = enableActiveContext();
  for (const adapter of ADAPTERS) {
    const { tracer, exporter } = memoryTracer();
    const events: TelemetryEvent[] = [];
    const logs: unknown[] = [];
    const health = createHealth({
      service: 'orders-api',
      version: '1.4.0',
      cacheTtlMs: 0,
      maxErrorLength: 4096,
      secrets: [EXACT_SECRET],
      tracer,
      sinks: [(event) => events.push(event)],
      logger: { warn: (fields, message) => logs.push({ fields, message }) },
    });
    FORMS.forEach((form, index) => {
      health.register({
        name: `p${index}`,
        check: () => {
          const active = trace.getActiveSpan();
          active?.recordException(new Error(form.text));
          active?.setAttribute('upstream.error', form.text);
          throw new Error(form.text);
        },
      });
    });
    const registry = new Registry();
    const app = await startApp(adapter, {
      health,
      metrics: { registry, prefix: 'aether_' },
      paths: { metrics: '/metrics' },
    });
    rigs.set(adapter, { app, health, exporter, events, logs });
  }
});

afterAll(async () => {
  for (const rig of rigs.values()) {
    await rig.app.close();
    await rig.health.close();
  }
  disableContext();
});

describe.each(ADAPTERS)('%s: no secret form leaves the process', (adapter) => {
  it('in any body, header, metric, span, event or log line', async () => {
    const rig = rigs.get(adapter);
    if (rig === undefined) throw new Error(`no rig for ${adapter}`);
    const { url } = rig.app;
    const healthJson = { accept: 'application/health+json' };
    const answers = [
      await http(`${url}/readyz`),
      await http(`${url}/readyz?verbose`),
      await http(`${url}/readyz`, { headers: healthJson }),
      await http(`${url}/readyz?verbose`, { headers: healthJson }),
      ...(await Promise.all(FORMS.map((_form, index) => http(`${url}/readyz/p${index}`)))),
      await http(`${url}/metrics`),
    ];
    expect(answers[0]?.status).toBe(503);
    expect(answers[1]?.text).toContain('***');
    expect(answers.at(-1)?.text).toContain('aether_readyz_probe_success');
    const everything = JSON.stringify({
      answers: answers.map((answer) => ({
        status: answer.status,
        headers: answer.headers,
        text: answer.text,
      })),
      spans: rig.exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      })),
      events: rig.events,
      logs: rig.logs,
    });
    for (const form of FORMS) {
      for (const leak of form.leaks) expect(everything, `${form.name} leaked ${leak}`).not.toContain(leak);
    }
    // Each single-probe answer names its dependency with the redacted text, so nothing was simply dropped.
    const single = answers[4]?.json() as { dependency?: string; error?: string };
    expect(single.dependency).toBe('p0');
    expect(single.error).toContain('postgres://app:***@db:5432/orders');
    expect(rig.exporter.getFinishedSpans().length).toBeGreaterThan(FORMS.length);
    expect(rig.events.some((event) => event.type === 'health.failed')).toBe(true);
  });
});

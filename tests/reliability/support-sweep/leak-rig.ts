// The service the leak sweep drives, with every output captured: two healths (live checks and heartbeat mode)
// whose probes fail with the planted secrets, each served by the Fastify, Express, node:http and fetch adapters
// (JSON and health+json, verbose, details 'always', /metrics, the drill admin route), an OpenTelemetry tracer
// recording spans in memory (what a client records on the active probe span included), a logger keeping every
// line, the telemetry sinks, change and probe listeners, an event emitter with stream, webhook and OTel sinks and
// a dead-letter hook, and installShutdown on one server.
import { inspect } from 'node:util';
import { trace } from '@opentelemetry/api';
import { installShutdown } from '@rollgate/adapters/shutdown';
import { createHealth, type Health } from '@rollgate/core';
import { createEmitter, type Emitter, otelSink, streamSink, webhookSink } from '@rollgate/core/events';
import { Registry } from 'prom-client';
import { type AdapterName, startApp, type TestApp } from '../../../packages/adapters/tests/apps/index.js';
import { memoryTracer } from '../../../packages/core/src/probe/test-kit.js';
import {
  ADDED_SECRET,
  ADMIN_TOKEN,
  type Captured,
  ESCAPED_SECRET,
  PLANTED,
  PROBE_SECRET,
  REGISTERED_SECRET,
} from './secret-corpus.js';

/** The adapters serving each health. */
export const SWEEP_ADAPTERS: readonly AdapterName[] = ['fastify', 'express5', 'node', 'fetch'];

/** The name of the probe planting `PLANTED[index]`. */
export const probeName = (index: number): string => `dep${index}`;

// Every background round runs every probe with spans and log lines: a short interval is all CPU on a 2-core box.
const HEARTBEAT_INTERVAL_MS = 250;

/** Name of the startup probe (retries, failing with a planted secret until started). */
export const STARTUP_PROBE = 'migrations';

/** One health with its outputs. */
export interface SweptHealth {
  /** `live` (checks run probes) or `heartbeat` (checks read the background state). */
  readonly mode: 'live' | 'heartbeat';
  readonly health: Health;
  readonly emitter: Emitter;
  /** Served by each adapter. */
  readonly apps: Map<AdapterName, TestApp>;
  /** The metrics registry of each adapter's readyz (and the emitter's drop counter). */
  readonly registries: Registry[];
}

/** The rig. */
export interface LeakRig {
  readonly healths: readonly SweptHealth[];
  /** While true every planted probe fails with its secret; false, they pass. */
  failing: boolean;
  /** Per probe name, the error texts it actually threw (the positive control: the secrets were really there). */
  readonly thrown: Map<string, string[]>;
  /** Everything captured that is not an HTTP answer (the test adds those). */
  captured(): Promise<Captured[]>;
  /** Spans recorded so far. */
  spanCount(): number;
  /** Sends SIGUSR2 to the shutdown installed on the live health's node server; resolves with its exit code. */
  shutdown(): Promise<number>;
  /** Closes everything still open. */
  close(): Promise<void>;
}

// Captured as a JSON logger writes it (errors with message, stack and cause, as pino's serializer does), so the
// sweep decodes it, and as util.inspect shows it, so nothing a JSON replacer leaves out goes unseen.
const show = (value: unknown): string =>
  `${JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Error) {
      return { name: item.name, message: item.message, stack: item.stack, cause: item.cause };
    }
    if (typeof item === 'function' || typeof item === 'bigint') return String(item);
    return item;
  })}\n${inspect(value, { depth: 8, breakLength: Number.POSITIVE_INFINITY })}`;

/** Builds and starts the rig. */
export async function startLeakRig(): Promise<LeakRig> {
  const { tracer, exporter } = memoryTracer();
  const logLines: string[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    logLines.push(`${level} ${message} ${show(fields)}`);
  };
  const logger = { warn: log('warn'), info: log('info'), error: log('error'), debug: log('debug') };
  const sinkEvents: unknown[] = [];
  const changes: unknown[] = [];
  const runs: unknown[] = [];
  const streamLines: string[] = [];
  const webhookCalls: string[] = [];
  const otelRecords: unknown[] = [];
  const deadLetters: unknown[] = [];
  const thrown = new Map<string, string[]>();
  const state = { failing: true };

  const fail = (name: string, text: string): never => {
    thrown.set(name, [...(thrown.get(name) ?? []), text]);
    // What an instrumented client does with the raw error: record it on the active span.
    const active = trace.getActiveSpan();
    active?.recordException(new Error(text));
    active?.setAttribute('db.statement', text);
    active?.addEvent(`client error: ${text}`, { 'error.text': text });
    active?.setStatus({ code: 2, message: text });
    // Three shapes of rejection: an Error with a cause, a bare string, an object with a message.
    const shape = name.length % 3;
    if (shape === 0) throw new Error(text, { cause: new Error(`cause: ${text}`) });
    if (shape === 1) throw text;
    throw { message: text, detail: text };
  };

  const build = (mode: 'live' | 'heartbeat'): SweptHealth => {
    const registry = new Registry();
    const emitter = createEmitter({
      sinks: [
        streamSink({
          stream: {
            write: (chunk, done) => {
              streamLines.push(chunk);
              done();
              return true;
            },
          },
        }),
        webhookSink({
          url: 'https://hooks.example.test/rollgate',
          attempts: 1,
          fetch: async (url, init) => {
            webhookCalls.push(`${String(url)} ${show(init?.headers)} ${String(init?.body)}`);
            return new Response('', { status: 204 });
          },
        }),
        otelSink({ logger: { emit: (record) => otelRecords.push(record) }, tracer }),
      ],
      deadLetter: (letter) => {
        deadLetters.push(letter);
      },
      metrics: { registry, prefix: 'sweep_' },
    });
    const health = createHealth({
      service: `orders-${mode}`,
      version: '1.4.0',
      cacheTtlMs: mode === 'live' ? 0 : 1000,
      probeTimeoutMs: 1000,
      maxErrorLength: 4096,
      secrets: [REGISTERED_SECRET, ESCAPED_SECRET],
      tracer,
      logger,
      sinks: [(event) => sinkEvents.push(event)],
      emitter,
      ...(mode === 'heartbeat'
        ? {
            heartbeat: {
              intervalMs: HEARTBEAT_INTERVAL_MS,
              successThreshold: 1,
              failureThreshold: 1,
              graceMs: 0,
            },
          }
        : {}),
    });
    health.on('change', (change) => {
      changes.push(change);
    });
    health.on('probe', (run) => {
      runs.push(run);
    });
    PLANTED.forEach((planted, index) => {
      const name = probeName(index);
      health.register({
        name,
        critical: index % 5 !== 4,
        operation: 'PING',
        ...(planted.leaks.includes(PROBE_SECRET) ? { secrets: [PROBE_SECRET] } : {}),
        check: () => (state.failing ? fail(name, planted.text) : 'ok'),
      });
    });
    health.register({
      name: STARTUP_PROBE,
      groups: ['startup'],
      retries: { attempts: 2, backoffMs: 10, budgetMs: 1000 },
      check: () => (state.failing ? fail(STARTUP_PROBE, PLANTED[0]?.text ?? '') : 'ok'),
    });
    health.addSecret(ADDED_SECRET);
    return { mode, health, emitter, apps: new Map(), registries: [registry] };
  };

  const healths = [build('live'), build('heartbeat')];
  for (const swept of healths) {
    for (const adapter of SWEEP_ADAPTERS) {
      const registry = new Registry();
      swept.registries.push(registry);
      const app = await startApp(adapter, {
        health: swept.health,
        details: 'always',
        metrics: { registry, prefix: 'sweep_' },
        paths: { metrics: '/metrics' },
        // The fetch bridge hands over no peer address, so its admin route cannot check for loopback.
        admin: { token: ADMIN_TOKEN, allowRemote: adapter === 'fetch' },
      });
      swept.apps.set(adapter, app);
    }
  }

  const live = healths[0] as SweptHealth;
  const shutdownApp = live.apps.get('node') as TestApp;
  let exited: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const uninstall = installShutdown(shutdownApp.server, live.health, {
    signals: ['SIGUSR2'],
    // Long enough for the test's request during the drain to arrive on a loaded 2-core box.
    drainDelayMs: 1000,
    timeoutMs: 10_000,
    emitters: [live.emitter],
    exit: (code) => exited(code),
    logger,
  });

  return {
    healths,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    thrown,
    spanCount: () => exporter.getFinishedSpans().length,
    async captured() {
      await Promise.all(healths.map((swept) => swept.emitter.flush()));
      const metrics = await Promise.all(
        healths.flatMap((swept) => swept.registries.map((registry) => registry.metrics())),
      );
      return [
        ...logLines.map((text, i) => ({ where: `log line ${i}`, text })),
        ...sinkEvents.map((event, i) => ({
          where: `telemetry sink event ${i}`,
          text: JSON.stringify(event),
        })),
        ...changes.map((change, i) => ({ where: `change listener ${i}`, text: JSON.stringify(change) })),
        ...runs.map((run, i) => ({ where: `probe listener ${i}`, text: show(run) })),
        ...streamLines.map((text, i) => ({ where: `emitter stream sink write ${i}`, text })),
        ...webhookCalls.map((text, i) => ({ where: `emitter webhook call ${i}`, text })),
        ...otelRecords.map((record, i) => ({ where: `emitter otel record ${i}`, text: show(record) })),
        ...deadLetters.map((letter, i) => ({ where: `dead letter ${i}`, text: show(letter) })),
        ...metrics.map((text, i) => ({ where: `registry ${i} exposition`, text })),
        ...healths.map((swept) => ({
          where: `${swept.mode} snapshot`,
          text: JSON.stringify(swept.health.snapshot()),
        })),
        ...exporter.getFinishedSpans().map((span, i) => ({
          where: `span ${i} ${span.name}`,
          text: show({
            name: span.name,
            attributes: span.attributes,
            events: span.events,
            status: span.status,
            links: span.links,
            resource: span.resource.attributes,
          }),
        })),
      ];
    },
    async shutdown() {
      process.emit('SIGUSR2', 'SIGUSR2');
      return exitCode;
    },
    async close() {
      uninstall();
      for (const swept of healths) {
        for (const app of swept.apps.values()) await app.close().catch(() => {});
        await swept.health.close();
        await swept.emitter.close({ timeoutMs: 1000 });
      }
    },
  };
}

// How to call each public function the option surface lists: a base options object the function accepts (every
// nested options object present, so its keys are mutated too) and a run that calls it and releases whatever it
// built. The keys come from the types (option-surface.ts); only the way to call is written by hand.
import { createServer } from 'node:http';
import { rollgateExpress } from '@rollgate/adapters/express';
import { rollgateFetch } from '@rollgate/adapters/fetch';
import { createNodeHandler, rollgateNode } from '@rollgate/adapters/node';
import { httpProbe, kafkaProbe, postgresProbe, redisProbe } from '@rollgate/adapters/probes';
import { installShutdown } from '@rollgate/adapters/shutdown';
import { createAnalysisServer, runAnalysis } from '@rollgate/cli';
import {
  DEFAULT_LIMITS as CONTRACT_LIMITS,
  parseContract,
  type TelemetryEvent,
  toCloudEvent,
} from '@rollgate/contract';
import {
  createHealth,
  createRedactor,
  diskSpaceProbe,
  eventLoopDelayProbe,
  eventLoopUtilizationProbe,
  type Health,
  heapUsedProbe,
  type ProbeRegistration,
  rssProbe,
} from '@rollgate/core';
import { advanceCanary, DEFAULT_CANARY_PLAN, replayCanary, startCanary } from '@rollgate/core/canary';
import {
  createEmitter,
  type EventSink,
  fileSink,
  otelSink,
  streamSink,
  webhookSink,
} from '@rollgate/core/events';
import { evaluateGate } from '@rollgate/core/gate';
import { evaluateRollback } from '@rollgate/core/rules';
import { createReadyz, DEFAULT_LIMITS } from '@rollgate/readyz';
import * as promClient from 'prom-client';
// Fastify resolves from the adapters package only; its test harness registers the plugin on a real Fastify 5.
import { startFastify } from '../../../packages/adapters/tests/apps/index.js';
import { base as gateBase } from '../../../packages/core/src/gate/test-inputs.js';

type Options = Record<string, unknown>;

/** How to call one function with an options object. */
export interface OptionTarget {
  /** A fresh options object the function accepts. */
  base(): Options;
  /** Calls the function with `options`, releases what it built, and gives back what it returned (errors as data). */
  run(options: Options): Promise<unknown>;
}

const T0 = Date.parse('2025-10-02T12:00:00Z');
const ADMIN_TOKEN = 'a-long-enough-admin-token';

function health(): Health {
  return createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, build: false });
}

async function withHealth<T>(use: (health: Health) => T | Promise<T>): Promise<T> {
  const created = health();
  created.register({ name: 'db', check: () => 'ok' });
  try {
    return await use(created);
  } finally {
    await created.close();
  }
}

// Every readyz option, nested objects complete, so each nested key is mutated.
function readyzOptions(): Options {
  return {
    prefix: '/ops',
    details: 'always',
    paths: { metrics: '/metrics', healthz: false, readyz: '/readyz' },
    metrics: {
      registry: new promClient.Registry(),
      prefix: 'svc_',
      buckets: [0.01, 0.1, 1],
      client: promClient,
    },
    limits: { ...DEFAULT_LIMITS },
    componentTypes: { db: 'datastore' },
    statusWords: {
      readiness: { ok: 'ready', fail: 'not_ready', degraded: 'degraded' },
      liveness: { ok: 'alive', fail: 'dead', degraded: 'degraded' },
      startup: { ok: 'started', fail: 'starting', degraded: 'degraded' },
    },
    admin: { token: ADMIN_TOKEN, allowRemote: false },
  };
}

// An adapter's options are readyz's plus the health; the run builds and drops the handler.
function adapter(create: (options: Options) => unknown): OptionTarget {
  return {
    base: () => readyzOptions(),
    run: (options) => withHealth((created) => create({ health: created, ...options })),
  };
}

// A probe factory is used as `health.register(factory(…))`: a value the factory passes on unchecked is still
// refused before it can run, by register(), so the run registers what the factory built.
const registered = (build: () => ProbeRegistration): Promise<unknown> =>
  withHealth((created) => {
    const probe = build();
    try {
      created.register(probe);
    } finally {
      probe.close?.();
    }
  });

// A sink is used inside an emitter, which checks what every sink declares.
const inEmitter = async (sink: EventSink): Promise<void> => {
  const emitter = createEmitter({ sinks: [sink] });
  await emitter.close({ timeoutMs: 100 });
};

// A base's registry is fresh per call: a function that did register its metrics must not make the next fail.
const freshRegistry = (options: Options): Options =>
  options.registry instanceof promClient.Registry
    ? { ...options, registry: new promClient.Registry() }
    : options;

const pong = { ping: async () => 'PONG' };
const pool = {
  connect: async () => ({ query: async () => ({ rows: [] }), release: () => {} }),
  totalCount: 0,
};
const kafkaAdmin = {
  describeCluster: async () => ({ brokers: [{}] }),
  fetchTopicMetadata: async () => ({ topics: [] }),
};
const stream = {
  write: (_chunk: string, done: (error?: Error | null) => void) => {
    done();
    return true;
  },
};

function commonProbe(extra: Options = {}): Options {
  return { name: 'dep', critical: true, groups: ['readiness'], timeoutMs: 1000, ...extra };
}

const RULES = { rules: [{ id: 'error-rate', kind: 'threshold', metric: 'errors', op: '>', value: 0.02 }] };
const QUERIES = {
  variables: { service: {} },
  queries: { errors: { canary: 'sum(errors{service="{{service}}"})' } },
};

// A Prometheus stand-in: every range query answers 0 at each step; /-/ready answers 200.
const fakePrometheus = (async (url: URL, init?: RequestInit) => {
  if (String(url).endsWith('/-/ready')) return new Response('ready');
  const form = new URLSearchParams(String(init?.body));
  const [start, end, step] = ['start', 'end', 'step'].map((key) => Number(form.get(key))) as [
    number,
    number,
    number,
  ];
  const values: [number, string][] = [];
  for (let t = start; t <= end; t += step) values.push([t, '0']);
  const body = { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } };
  return new Response(JSON.stringify(body));
}) as unknown as typeof fetch;

// A real telemetry event, as a health's sink receives it.
async function telemetryEvent(): Promise<TelemetryEvent> {
  const events: TelemetryEvent[] = [];
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    build: false,
    sinks: [(e) => events.push(e)],
  });
  created.register({ name: 'db', check: () => 'ok' });
  await created.check('readiness');
  await created.close();
  const [event] = events;
  if (event === undefined) throw new Error('no telemetry event');
  return event;
}

/** The target of each function id the surface lists (see option-surface.ts for the ids). */
export const TARGETS: Readonly<Record<string, OptionTarget>> = {
  '@rollgate/core#createHealth': {
    base: () => ({
      service: 'orders-api',
      version: '1.4.0',
      probeTimeoutMs: 1000,
      cacheTtlMs: 500,
      staleWhileRevalidate: false,
      deadlineMs: 2000,
      heartbeat: { intervalMs: 60_000, successThreshold: 2, failureThreshold: 2, graceMs: 0 },
      redact: [/internal-\d+/],
      sinks: [() => {}],
      emitter: { emit: () => undefined },
      environment: 'staging',
      timestampOffset: 'Z',
      logger: { warn: () => {} },
      now: Date.now,
      correlationId: 'corr-1',
      taskId: 'task-1',
      phaseIndex: 0,
      maxErrorLength: 512,
      secrets: ['plain-Looking-Value-42'],
      build: false,
    }),
    run: async (options) => {
      const created = createHealth(options as never);
      await created.close();
      return created;
    },
  },
  '@rollgate/core#createHealth().register': {
    base: () => ({
      name: 'db',
      check: () => 'ok',
      critical: true,
      groups: ['startup'],
      timeoutMs: 1000,
      operation: 'PING',
      retries: { attempts: 2, backoffMs: 10, budgetMs: 1000 },
      secrets: ['plain-Looking-Value-42'],
      close: () => {},
    }),
    run: async (options) => {
      const created = health();
      try {
        created.register(options as never);
      } finally {
        await created.close();
      }
    },
  },
  '@rollgate/core#createHealth().check': {
    base: () => ({ exclude: ['other'] }),
    run: (options) => withHealth((created) => created.check('readiness', options as never)),
  },
  '@rollgate/core#createHealth().simulate': {
    base: () => ({ mode: 'latency', latencyMs: 10, forMs: 1000 }),
    run: (options) =>
      withHealth((created) => {
        const drill = created.simulate('db', options as never);
        created.endSimulation('db');
        return drill;
      }),
  },
  '@rollgate/core#createRedactor': {
    base: () => ({ patterns: [/internal-\d+/], maxLength: 256, secrets: ['plain-Looking-Value-42'] }),
    run: async (options) => createRedactor(options as never),
  },
  '@rollgate/core#diskSpaceProbe': {
    base: () => ({ name: 'disk', path: process.cwd(), minFreeRatio: 0.001, minFreeBytes: 1 }),
    run: (options) => registered(() => diskSpaceProbe(options as never)),
  },
  '@rollgate/core#eventLoopDelayProbe': {
    base: () => ({ name: 'loop', maxDelayMs: 500, windowMs: 1000, resolutionMs: 10 }),
    run: (options) => registered(() => eventLoopDelayProbe(options as never)),
  },
  '@rollgate/core#eventLoopUtilizationProbe': {
    base: () => ({ name: 'elu', maxUtilization: 0.98, windowMs: 1000 }),
    run: (options) => registered(() => eventLoopUtilizationProbe(options as never)),
  },
  '@rollgate/core#heapUsedProbe': {
    base: () => ({ name: 'heap', maxHeapUsedBytes: 2 ** 40 }),
    run: (options) => registered(() => heapUsedProbe(options as never)),
  },
  '@rollgate/core#rssProbe': {
    base: () => ({ name: 'rss', maxRssBytes: 2 ** 40 }),
    run: (options) => registered(() => rssProbe(options as never)),
  },
  '@rollgate/readyz#createReadyz': {
    base: () => readyzOptions(),
    run: (options) => withHealth((created) => createReadyz(created, options as never)),
  },
  '@rollgate/adapters/express#rollgateExpress': adapter((options) => rollgateExpress(options as never)),
  '@rollgate/adapters/node#rollgateNode': adapter((options) => rollgateNode(options as never)),
  '@rollgate/adapters/node#createNodeHandler': adapter((options) => createNodeHandler(options as never)),
  '@rollgate/adapters/fetch#rollgateFetch': adapter((options) => rollgateFetch(options as never)),
  '@rollgate/adapters/fastify#rollgateFastify': {
    base: () => ({ ...readyzOptions(), logLevel: 'silent', disableRequestLogging: true }),
    run: (options) =>
      withHealth(async (created) => {
        const app = await startFastify({ health: created, ...options } as never);
        await app.close();
      }),
  },
  '@rollgate/adapters/probes#httpProbe': {
    base: () => commonProbe({ method: 'GET', expectStatus: 200, headers: { accept: 'text/plain' }, fetch }),
    run: (options) => registered(() => httpProbe('http://127.0.0.1:9/ready', options as never)),
  },
  '@rollgate/adapters/probes#postgresProbe': {
    base: () => commonProbe({ table: 'rollgate_sentinel', write: false }),
    run: (options) => registered(() => postgresProbe(pool as never, options as never)),
  },
  '@rollgate/adapters/probes#redisProbe': {
    base: () => commonProbe(),
    run: (options) => registered(() => redisProbe(pong, options as never)),
  },
  '@rollgate/adapters/probes#kafkaProbe': {
    base: () => commonProbe({ topics: ['orders'] }),
    run: (options) => registered(() => kafkaProbe(kafkaAdmin as never, options as never)),
  },
  '@rollgate/adapters/shutdown#installShutdown': {
    base: () => ({
      drainDelayMs: 0,
      timeoutMs: 1000,
      signals: ['SIGUSR2'],
      emitters: [],
      onShutdown: [],
      exit: () => {},
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    }),
    run: (options) =>
      withHealth((created) => {
        const uninstall = installShutdown(createServer(), created, options as never);
        uninstall();
      }),
  },
  '@rollgate/core/events#createEmitter': {
    base: () => ({
      sinks: [streamSink({ stream })],
      topic: 'observability/deploy',
      source: 'urn:rollgate:orders-api',
      profile: 'observability',
      queueSize: 10,
      deadLetter: () => {},
      metrics: { registry: new promClient.Registry(), prefix: 'svc_', client: promClient },
    }),
    run: async (options) => {
      const emitter = createEmitter(options as never);
      await emitter.close({ timeoutMs: 1000 });
    },
  },
  '@rollgate/core/events#createEmitter().close': {
    base: () => ({ timeoutMs: 1000 }),
    run: async (options) => {
      const emitter = createEmitter({ sinks: [streamSink({ stream })] });
      try {
        await emitter.close(options as never);
      } finally {
        await emitter.close({ timeoutMs: 100 });
      }
    },
  },
  '@rollgate/core/events#fileSink': {
    base: () => ({
      path: '/tmp/rollgate-sweep-never-written.jsonl',
      name: 'file',
      batchSize: 10,
      fsync: 'batch',
    }),
    run: (options) => inEmitter(fileSink(options as never)),
  },
  '@rollgate/core/events#streamSink': {
    base: () => ({ stream, name: 'stream', batchSize: 10 }),
    run: (options) => inEmitter(streamSink(options as never)),
  },
  '@rollgate/core/events#otelSink': {
    base: () => ({ name: 'otel', logger: { emit: () => {} } }),
    run: (options) => inEmitter(otelSink(options as never)),
  },
  '@rollgate/core/events#webhookSink': {
    base: () => ({
      url: 'https://hooks.example.com/rollgate',
      name: 'webhook',
      headers: { 'x-team': 'payments' },
      attempts: 3,
      minDelayMs: 10,
      maxDelayMs: 100,
      maxRetryAfterMs: 1000,
      timeoutMs: 1000,
      fetch,
      now: Date.now,
    }),
    run: (options) => inEmitter(webhookSink(options as never)),
  },
  '@rollgate/cli#createAnalysisServer': {
    base: () => ({
      rules: RULES,
      queries: QUERIES,
      files: { rules: 'rules.yaml', queries: 'queries.yaml' },
      prometheus: {
        url: 'http://prometheus.test:9090',
        fetch,
        headers: { authorization: 'Bearer t' },
        timeoutMs: 1000,
        maxBytes: 1_000_000,
        step: '30s',
      },
      port: 0,
      host: '127.0.0.1',
      limits: { maxBodyBytes: 65_536, maxConcurrent: 4, requestTimeoutMs: 5000 },
      registry: new promClient.Registry(),
      service: 'rollgate-analysis',
      version: '0.1.0',
    }),
    run: async (options) => {
      const server = createAnalysisServer(freshRegistry(options) as never);
      await server.close();
    },
  },
  '@rollgate/cli#runAnalysis': {
    base: () => ({
      rules: RULES,
      queries: QUERIES,
      files: { rules: 'rules.yaml', queries: 'queries.yaml' },
      prometheus: { url: 'http://prometheus.test:9090', fetch: fakePrometheus, timeoutMs: 1000, step: '30s' },
      vars: { service: 'orders-api' },
      now: T0,
      providerErrors: 'inconclusive',
      concurrency: 2,
      onProgress: () => {},
      signal: new AbortController().signal,
    }),
    run: (options) => runAnalysis(options as never),
  },
  '@rollgate/contract#parseContract': {
    base: () => ({ limits: { ...CONTRACT_LIMITS }, profile: 'observability' }),
    run: async (options) => parseContract('rollback-rules', RULES, options as never),
  },
  '@rollgate/contract#toCloudEvent': {
    base: () => ({ id: 'event-1', source: 'urn:rollgate:orders-api' }),
    run: async (options) => toCloudEvent(await telemetryEvent(), options as never),
  },
  '@rollgate/core/rules#evaluateRollback': {
    base: () => ({
      rules: RULES,
      series: { errors: [{ t: T0, value: 0.01 }] },
      now: T0,
      hashInputs: true,
    }),
    run: async (options) => evaluateRollback(options as never),
  },
  '@rollgate/core/gate#evaluateGate': {
    base: () => ({ ...gateBase, environment: 'production' }) as unknown as Options,
    run: async (options) => evaluateGate(options as never),
  },
  '@rollgate/core/canary#advanceCanary': {
    base: () => ({ action: 'continue', reasons: [], decidedBy: ['rules'] }),
    run: async (options) => {
      const { state } = startCanary(DEFAULT_CANARY_PLAN, T0);
      return advanceCanary(DEFAULT_CANARY_PLAN, state, options as never, T0 + 1000);
    },
  },
  '@rollgate/core/canary#replayCanary': {
    base: () => ({
      startedAt: T0,
      context: {
        service: 'svc',
        environment: 'staging',
        version: '2.0.0',
        correlationId: 'c-1',
        offset: 'Z',
      },
    }),
    run: async (options) =>
      replayCanary(DEFAULT_CANARY_PLAN, [{ now: T0, health: { healthOk: true } }], options as never),
  },
};

/**
 * Functions the surface lists that this suite does not call, each with why. A new function the generator finds
 * is in neither list, and the suite fails until it is added to one.
 */
export const NOT_CALLED: Readonly<Record<string, string>> = {
  '@rollgate/core/gate#withGateSpan': 'takes the same GateInput as evaluateGate, which is exercised',
  '@rollgate/readyz/testing#checkReadyzConformance': 'a test helper that drives a live target over HTTP',
  '@rollgate/readyz/testing#assertReadyzConformance': 'a test helper that drives a live target over HTTP',
  '@rollgate/cli#analyzeCommand': 'command-line flags, parsed and checked by commander first',
  '@rollgate/cli#gateCommand': 'command-line flags, parsed and checked by commander first',
  '@rollgate/cli#reportCommand': 'command-line flags, parsed and checked by commander first',
  '@rollgate/cli#schemaCommand': 'command-line flags, parsed and checked by commander first',
  '@rollgate/cli#validateCommand': 'command-line flags, parsed and checked by commander first',
  '@rollgate/cli#lintManifests': 'lint-k8s settings from command-line flags',
  '@rollgate/cli#lintSettings': 'lint-k8s settings from command-line flags',
  '@rollgate/cli#renderReport': 'a report document, validated by its own schema',
  '@rollgate/contract/files#loadContract': 'parse limits of the contract (documents, not setup options)',
  '@rollgate/contract/files#parseReleaseReport':
    'parse limits of the contract (documents, not setup options)',
  '@rollgate/contract/testing#expectConforms': 'a test helper over parseContract',
  '@rollgate/contract/testing#expectViolates': 'a test helper over parseContract',
  '@rollgate/contract/testing#makeDocument': 'a test helper over parseContract',
  '@rollgate/contract/release#appendApproval': 'release-document editing, out of this pass',
  '@rollgate/contract/release#assembleManifest': 'release-document assembly, out of this pass',
  '@rollgate/contract/release#keyIdOf': 'a key (PEM or KeyObject), not an options object',
  '@rollgate/contract/release#signManifest': 'a key (PEM or KeyObject), not an options object',
  '@rollgate/contract/release#verifyManifestSignature': 'a key (PEM or KeyObject), not an options object',
};

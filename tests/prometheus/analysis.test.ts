// The Prometheus analysis (runAnalysis, `rollgate analyze --prometheus`, the analysis server) against a real
// Prometheus (Debian's binary, 1 s scrapes) scraping a service whose canary error rate and latency the test sets:
// it must promote while healthy, roll back once the canary's error rate stays above 2 % for the rule's `for`, say
// inconclusive for series that do not exist or a Prometheus that is gone, refuse bad requests with 400, and turn
// the server's /readyz 503 without Prometheus.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AnalysisResult, runAnalysis } from '../../packages/cli/src/analysis/index.js';
import { runCli } from '../../packages/cli/src/commands/program.js';
import { type AnalysisServer, createAnalysisServer } from '../../packages/cli/src/server/index.js';
import { memoryIo } from '../../packages/cli/src/testing/memory-io.js';
import { http } from '../support/http.js';
import { type PrometheusServer, startPrometheus } from '../support/prometheus-server.js';
import { type CanaryApp, startCanaryApp } from './canary-app.js';

const QUERIES_FILE = join(import.meta.dirname, '../../examples/prometheus/metric-queries.yaml');
const QUERIES = parse(
  readFileSync(join(import.meta.dirname, '../../examples/prometheus/metric-queries.yaml'), 'utf8'),
);
// The demo's rules with windows short enough for a test: 2 % errors for 10 s, p95 twice the baseline's over 10 s.
const RULES = {
  schema_version: '1.0.0',
  name: 'orders-api canary (test windows)',
  rules: [
    {
      id: 'error-rate',
      kind: 'threshold',
      metric: 'http.server.errors.rate',
      op: '>',
      value: 0.02,
      for: '10s',
      minSamples: 3,
    },
    {
      id: 'p95-vs-baseline',
      kind: 'baseline_ratio',
      metric: 'http.server.duration.p95',
      op: '>',
      ratio: 2,
      for: '10s',
    },
  ],
};
const VARS = { service: 'orders-api', namespace: 'shop', interval: '5s' };

const dir = mkdtempSync(join(tmpdir(), 'rollgate-analyze-'));
const RULES_FILE = join(dir, 'rollback_rules.json');
writeFileSync(RULES_FILE, JSON.stringify(RULES));

/** `rollgate analyze --prometheus … --json` in-process: its exit code and the decision it printed. */
async function analyzeCommand(vars: Record<string, string> = VARS) {
  const io = memoryIo();
  const varFlags = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
  const code = await runCli(
    [
      'analyze',
      '--rules',
      RULES_FILE,
      '--prometheus',
      prometheus.url,
      '--queries',
      QUERIES_FILE,
      ...varFlags,
      '--json',
    ],
    io,
  );
  const printed = io.out() === '' ? null : (JSON.parse(io.out()) as { decision: { action: string } });
  return { code, action: printed?.decision.action, err: io.err() };
}

let app: CanaryApp;
let prometheus: PrometheusServer;
let server: AnalysisServer;
let base: string;

const analyse = (vars: Record<string, string> = VARS) =>
  runAnalysis({ rules: RULES, queries: QUERIES, prometheus: { url: prometheus.url }, vars });

/** Runs the analysis every 500 ms until `done` holds for a result (or fails with the last one). */
async function analyseUntil(
  done: (r: AnalysisResult) => boolean,
  timeoutMs: number,
): Promise<AnalysisResult> {
  const deadline = Date.now() + timeoutMs;
  let last = await analyse();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `analysis did not settle within ${timeoutMs}ms; last: ${last.decision?.summary ?? JSON.stringify(last.issues)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await analyse();
  }
  return last;
}

async function post(path: string, body: unknown) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    elapsedMs: performance.now() - started,
    json: () => JSON.parse(text) as unknown,
  };
}

beforeAll(async () => {
  app = await startCanaryApp({ service: 'orders-api', namespace: 'shop' });
  prometheus = await startPrometheus({ targets: [app.target] });
  await prometheus.waitForScrapes();
  server = createAnalysisServer({
    rules: RULES,
    queries: QUERIES,
    prometheus: { url: prometheus.url, timeoutMs: 2000 },
    port: 0,
    limits: { requestTimeoutMs: 5000 },
  });
  base = `http://127.0.0.1:${(await server.listen()).port}`;
});

afterAll(async () => {
  await server?.close();
  await prometheus?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a healthy canary', () => {
  it('is promoted once every rule has its window of evidence (rollgate analyze exits 0)', {
    timeout: 60_000,
  }, async () => {
    const result = await analyseUntil((r) => r.decision?.action === 'promote', 45_000);
    expect(result.issues).toEqual([]);
    expect(result.decision?.action).toBe('promote');
    const errorRate = result.decision!.reasons.find((r) => r.rule === 'error-rate')!;
    expect(errorRate.status).toBe('pass');
    expect(errorRate.observed).toBe(0);
    expect(result.queries.map((q) => [q.metric, q.side, q.outcome])).toEqual([
      ['http.server.errors.rate', 'canary', 'ok'],
      ['http.server.duration.p95', 'canary', 'ok'],
      ['http.server.duration.p95', 'baseline', 'ok'],
    ]);
    expect(result.queries.every((q) => q.stepMs === 1000 && q.samples >= 10)).toBe(true);
    expect(await analyzeCommand()).toMatchObject({ code: 0, action: 'promote' });
  });

  it('is promoted by the server for Argo Rollouts (GET and POST) and passes Flagger’s webhook', async () => {
    const get = await http(`${base}/v1/analysis?service=orders-api&namespace=shop&interval=5s`);
    expect(get.status).toBe(200);
    expect(get.json()).toMatchObject({ decision: 'promote', inputHash: expect.stringMatching(/^sha256:/) });
    const body = get.json() as { evaluatedAt: string; reasons: unknown[] };
    expect(Number.isNaN(Date.parse(body.evaluatedAt))).toBe(false);
    expect(body.reasons).toHaveLength(2);

    const argo = await post('/v1/analysis', VARS);
    expect([argo.status, (argo.json() as { decision: string }).decision]).toEqual([200, 'promote']);

    const flagger = await post('/v1/flagger', {
      name: 'orders-api',
      namespace: 'shop',
      phase: 'Progressing',
      checksum: '6d8f4c',
      metadata: { service: 'orders-api', interval: '5s' },
    });
    expect([flagger.status, (flagger.json() as { decision: string }).decision]).toEqual([200, 'promote']);
  });
});

describe('series that do not exist', () => {
  it('are inconclusive, from runAnalysis, rollgate analyze (exit 3) and the server (Flagger halts with 412)', async () => {
    const result = await analyse({ ...VARS, service: 'no-such-service' });
    expect(result.decision?.action).toBe('inconclusive');
    expect(result.decision?.reasons.map((r) => r.status)).toEqual(['no_data', 'no_data']);
    expect(result.queries.every((q) => q.outcome === 'ok' && q.samples === 0)).toBe(true);
    expect(await analyzeCommand({ ...VARS, service: 'no-such-service' })).toMatchObject({
      code: 3,
      action: 'inconclusive',
    });

    const argo = await post('/v1/analysis', { ...VARS, service: 'no-such-service' });
    expect([argo.status, (argo.json() as { decision: string }).decision]).toEqual([200, 'inconclusive']);
    const flagger = await post('/v1/flagger', {
      name: 'no-such-service',
      namespace: 'shop',
      phase: 'Progressing',
      checksum: '6d8f4c',
      metadata: { service: 'no-such-service', interval: '5s' },
    });
    expect([flagger.status, (flagger.json() as { decision: string }).decision]).toEqual([
      412,
      'inconclusive',
    ]);
  });
});

describe('a bad request', () => {
  it('gets 400 with issues, before any query', async () => {
    const unsafe = await post('/v1/analysis', { ...VARS, service: 'orders-api"} or vector(1) #' });
    expect(unsafe.status).toBe(400);
    expect(unsafe.json()).toMatchObject({ issues: [{ code: 'invalid_variable', path: 'vars.service' }] });

    const missing = await post('/v1/analysis', { namespace: 'shop' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ issues: [{ code: 'missing_variable', path: 'vars.service' }] });

    const notJson = await post('/v1/analysis', '{"service":');
    expect([notJson.status, notJson.json()]).toEqual([400, { error: 'the body is not JSON' }]);

    const nested = await post('/v1/analysis', { service: { name: 'orders-api' } });
    expect(nested.status).toBe(400);
    expect(nested.json()).toMatchObject({ issues: [{ code: 'invalid_request', path: 'service' }] });

    const flagger = await post('/v1/flagger', { phase: 'Progressing', metadata: ['service'] });
    expect(flagger.status).toBe(400);
    expect((flagger.json() as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
      'name',
      'namespace',
      'metadata',
    ]);

    const repeated = await http(`${base}/v1/analysis?service=a&service=b`);
    expect(repeated.status).toBe(400);
    expect(repeated.text).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});

describe('a canary whose error rate crosses 2 %', () => {
  it('is rolled back once the breach has lasted the rule’s `for`, by runAnalysis, rollgate analyze (exit 4) and the server', {
    timeout: 90_000,
  }, async () => {
    const changedAt = Date.now();
    app.set('canary', { errorRate: 0.1 });
    const result = await analyseUntil((r) => r.decision?.action === 'rollback', 60_000);
    // Prometheus `for`: the breach began after the change, so the rollback cannot come sooner than `for` after it.
    expect(Date.now() - changedAt).toBeGreaterThanOrEqual(10_000);
    const errorRate = result.decision!.reasons.find((r) => r.rule === 'error-rate')!;
    expect(errorRate.status).toBe('breach');
    expect(errorRate.observed).toBeGreaterThan(0.02);
    expect(errorRate.since).toBeGreaterThanOrEqual(changedAt - 1000);
    expect(result.decision!.decidedBy).toContain('error-rate');
    expect(await analyzeCommand()).toMatchObject({ code: 4, action: 'rollback' });

    const argo = await post('/v1/analysis', VARS);
    expect([argo.status, (argo.json() as { decision: string }).decision]).toEqual([200, 'rollback']);
    const flagger = await post('/v1/flagger', {
      name: 'orders-api',
      namespace: 'shop',
      phase: 'Progressing',
      checksum: '6d8f4c',
      metadata: { service: 'orders-api', interval: '5s' },
    });
    expect(flagger.status).toBe(412);
    expect(flagger.json()).toMatchObject({
      decision: 'rollback',
      decidedBy: expect.arrayContaining(['error-rate']),
    });
  });

  it('is rolled back by the latency rule too once the canary’s p95 is twice the baseline’s', {
    timeout: 60_000,
  }, async () => {
    app.set('canary', { latencyMs: 200 });
    const result = await analyseUntil(
      (r) => r.decision?.reasons.find((x) => x.rule === 'p95-vs-baseline')?.status === 'breach',
      45_000,
    );
    const p95 = result.decision!.reasons.find((r) => r.rule === 'p95-vs-baseline')!;

    expect(p95.observed).toBeGreaterThan(2);
    expect(result.decision!.decidedBy).toEqual(['error-rate', 'p95-vs-baseline']);
  });
});

describe('the server’s own endpoints', () => {
  it('exports decisions by outcome and Prometheus query latency on /metrics', async () => {
    const metrics = await http(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(
      /rollgate_analysis_decisions_total\{endpoint="analysis",decision="promote"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /rollgate_analysis_decisions_total\{endpoint="flagger",decision="rollback"\} 1/,
    );
    expect(metrics.text).toMatch(
      /rollgate_analysis_decisions_total\{endpoint="analysis",decision="bad_request"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /rollgate_analysis_prometheus_query_duration_seconds_count\{outcome="ok"\} [1-9]/,
    );
  });

  it('answers 404 and 405 as JSON', async () => {
    const missing = await http(`${base}/v2/analysis`);
    expect([missing.status, missing.headers['content-type']]).toEqual([
      404,
      'application/json; charset=utf-8',
    ]);
    const wrong = await http(`${base}/v1/flagger`);
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'POST']);
  });
});

describe('a Prometheus that hangs, then stops', () => {
  it('answers inconclusive within the request budget while Prometheus hangs', {
    timeout: 30_000,
  }, async () => {
    prometheus.pause();
    try {
      const answer = await post('/v1/analysis', VARS);
      expect(answer.status).toBe(200);
      const body = answer.json() as { decision: string; queries: { outcome: string; error: string }[] };
      expect(body.decision).toBe('inconclusive');
      expect(body.queries.map((q) => q.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
      expect(body.queries[0]!.error).toBe('Prometheus query timeout after 2000ms');
      // Paused, Prometheus never answers: the 2 s query timeout answers, within the 5 s budget (slack for a busy machine).
      expect(answer.elapsedMs).toBeLessThan(5000 + 10_000);
    } finally {
      prometheus.resume();
    }
  });

  it('is inconclusive with the provider error named, and /readyz turns 503', {
    timeout: 30_000,
  }, async () => {
    expect((await http(`${base}/readyz`)).status).toBe(200);
    await prometheus.stop();
    const result = await analyse();
    expect(result.decision?.action).toBe('inconclusive');
    for (const reason of result.decision!.reasons) {
      expect(reason.status).toBe('error');
      expect(reason.message).toMatch(
        /Prometheus unreachable: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+/,
      );
    }
    expect(result.decision!.summary).toMatch(/metrics provider failed/);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the probe's 1 s result cache
    const readyz = await http(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(readyz.json()).toMatchObject({ status: 'fail', dependency: 'Prometheus' });
    expect((await http(`${base}/livez`)).status).toBe(200);
  });
});

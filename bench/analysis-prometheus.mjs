// Prometheus analysis cost: what rollgate adds on top of the query Argo Rollouts' own Prometheus provider makes.
// A real Prometheus (Debian's binary, 1 s scrapes) scrapes a synthetic service for 20 s; then, interleaved round
// by round: one instant query (Argo's direct provider), one range query over 5 m (rollgate's client alone),
// runAnalysis of the demo's three rules (three range queries + the evaluator), and a full POST /v1/analysis to the
// analysis server. Needs `pnpm --filter @rollgate/cli build` and `prometheus` on PATH.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Counter, Histogram, Registry } from 'prom-client';
import { parse } from 'yaml';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median, percentile } from './lib/stats.mjs';

const ROUNDS = Math.max(20, Number(process.env.BENCH_ANALYSIS_ROUNDS ?? 60));
const DATA_SECONDS = 20;
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = await import(join(root, 'packages/cli/dist/index.js'));
const rules = parse(readFileSync(join(root, 'examples/demo/documents/rollback_rules.yaml'), 'utf8'));
const queries = parse(readFileSync(join(root, 'examples/prometheus/metric-queries.yaml'), 'utf8'));
const VARS = { service: 'orders-api', namespace: 'shop', interval: '5s' };

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

// The synthetic service: 200 requests a second per track, 1 % errors, 40 ms; plus a contract-test counter.
async function startService() {
  const registry = new Registry();
  const labels = ['service', 'namespace', 'track'];
  const requests = new Counter({
    name: 'http_server_requests_total',
    help: 'requests',
    labelNames: [...labels, 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'latency',
    labelNames: labels,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  new Counter({
    name: 'contract_test_failures_total',
    help: 'failures',
    labelNames: ['service'],
    registers: [registry],
  }).inc({ service: 'orders-api' }, 0);
  const tick = () => {
    for (const track of ['canary', 'stable']) {
      const common = { service: 'orders-api', namespace: 'shop', track };
      requests.inc({ ...common, code: '500' }, 0.2);
      requests.inc({ ...common, code: '200' }, 19.8);
      for (let i = 0; i < 20; i++) duration.observe(common, 0.036 + i * 0.0004);
    }
  };
  const timer = setInterval(tick, 100);
  const server = http.createServer(async (_req, res) =>
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics()),
  );
  const port = await listen(server);
  return {
    target: `127.0.0.1:${port}`,
    close: () => {
      clearInterval(timer);
      server.closeAllConnections();
      server.close();
    },
  };
}

async function startPrometheus(target) {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-bench-prometheus-'));
  const probe = http.createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, scrape_timeout: 1s }\nscrape_configs:\n  - job_name: app\n    static_configs: [{ targets: ["${target}"] }]\n`,
  );
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore' },
  );
  child.once('error', (error) => {
    console.error(
      `prometheus could not start (${error.message}): apt-get update && apt-get install -y prometheus`,
    );
    process.exit(1);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  const service = await startService();
  const prometheus = await startPrometheus(service.target);
  const server = cli.createAnalysisServer({ rules, queries, prometheus: { url: prometheus.url }, port: 0 });
  const { port } = await server.listen();
  console.log(`collecting ${DATA_SECONDS} s of scrapes…`);
  await new Promise((r) => setTimeout(r, DATA_SECONDS * 1000));

  const errorRate = cli.fillQuery(queries.queries['http.server.errors.rate'].canary, { ...VARS });
  const rows = [
    {
      name: 'instant query (Argo Rollouts’ own Prometheus provider)',
      run: async () => {
        const r = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(errorRate)}`);
        if (!r.ok) throw new Error(`instant query ${r.status}`);
        await r.json();
      },
    },
    {
      name: '`queryRange`, 5 m at 15 s (rollgate’s client alone)',
      run: async () => {
        const now = Date.now();
        const r = await cli.queryRange(
          { url: prometheus.url },
          { query: errorRate, start: now - 300_000, end: now, stepMs: 15_000 },
        );
        if (!r.ok) throw new Error(r.error);
      },
    },
    {
      name: '`runAnalysis`, demo rules (3 range queries + evaluator)',
      run: async () => {
        const r = await cli.runAnalysis({ rules, queries, prometheus: { url: prometheus.url }, vars: VARS });
        if (r.decision === null) throw new Error(JSON.stringify(r.issues));
      },
    },
    {
      name: '`POST /v1/analysis` to serve-analysis (HTTP + the above)',
      run: async () => {
        const r = await fetch(`http://127.0.0.1:${port}/v1/analysis`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(VARS),
        });
        if (r.status !== 200) throw new Error(`analysis ${r.status}`);
        await r.json();
      },
    },
  ];
  const samples = rows.map(() => []);
  for (let round = 0; round < ROUNDS + 3; round++) {
    for (let k = 0; k < rows.length; k++) {
      const i = (round + k) % rows.length; // rotate the order: a busy moment lands on every row alike
      const ms = await timed(rows[i].run);
      if (round >= 3) samples[i].push(ms);
    }
  }
  await server.close();
  await prometheus.close();
  service.close();

  const body = [
    '## Prometheus analysis',
    '',
    machineLine(),
    `Real Prometheus (Debian) scraping a synthetic service every second for ${DATA_SECONDS} s; ${ROUNDS} interleaved rounds. \`node bench/analysis-prometheus.mjs\`.`,
    '',
    table(
      ['what', 'median ms', 'p95 ms'],
      rows.map((row, i) => [row.name, fixed(median(samples[i]), 2), fixed(percentile(samples[i], 95), 2)]),
    ),
  ].join('\n');
  console.log(body);
  writeSection('analysis-prometheus', body);
}

await main();

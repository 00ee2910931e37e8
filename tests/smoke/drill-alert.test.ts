// A failure drill end to end (seed 004: "trigger a synthetic readiness failure to validate alert delivery"):
// health.simulate() on a real HTTP dependency → /readyz 503 naming it → the metrics a scrape records during the run,
// replayed by promtool against examples/prometheus/rollgate-rules.yaml (one recorded scrape per minute), fire
// ReadyzDependencyFailure with the probe named and simulated="true" → the drill ends → /readyz 200 and the alert
// resolves.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpProbe } from '@rollgate/adapters/probes';
import { createHealth, type Health } from '@rollgate/core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../packages/adapters/tests/apps/index.js';
import { http } from '../support/index.js';

const RULES = join(import.meta.dirname, '..', '..', 'examples', 'prometheus', 'rollgate-rules.yaml');
const SERIES = ['aether_readyz_success', 'aether_readyz_probe_success', 'aether_readyz_simulated'];

let upstream: Server;
let health: Health;
let app: TestApp;
const scratch = mkdtempSync(join(tmpdir(), 'rollgate-drill-'));

beforeAll(async () => {
  upstream = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as { port: number }).port;
  health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
  health.register(httpProbe(`http://127.0.0.1:${port}/health`, { name: 'Payments', timeoutMs: 1000 }));
  health.markStarted();
  app = await startApp('fastify', {
    health,
    metrics: { registry: new Registry(), prefix: 'aether_' },
    paths: { metrics: '/metrics' },
  });
});

afterAll(async () => {
  await app?.close();
  await health?.close();
  upstream?.closeAllConnections();
  upstream?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** One scrape: the value of every series of SERIES, keyed by its text as the exposition writes it. */
async function scrape(): Promise<Map<string, number>> {
  const text = (await http(`${app.url}/metrics`)).text;
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] !== undefined && SERIES.includes(match[1])) {
      samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
    }
  }
  return samples;
}

describe('a drill, end to end', () => {
  it('503 naming the dependency → promtool fires ReadyzDependencyFailure naming it, simulated → 200 after', async () => {
    const minutes: Map<string, number>[] = [];
    const minute = async () => {
      await http(`${app.url}/readyz`);
      minutes.push(await scrape());
    };
    for (let i = 0; i < 2; i++) await minute();

    health.simulate('Payments', { mode: 'fail', forMs: 600_000 });
    const during = await http(`${app.url}/readyz`);
    expect(during.status).toBe(503);
    expect(during.json()).toMatchObject({ status: 'fail', dependency: 'Payments' });
    for (let i = 0; i < 7; i++) await minute();

    expect(health.endSimulation('Payments')).toBe(true);
    const after = await http(`${app.url}/readyz`);
    expect(after.status).toBe(200);
    for (let i = 0; i < 3; i++) await minute();

    // The recorded scrapes, one a minute, as promtool input series.
    const names = [...new Set(minutes.flatMap((samples) => [...samples.keys()]))];
    expect(names).toContain('aether_readyz_simulated{service="orders-api",probe="Payments"}');
    const series = names.map((name) => ({
      series: name,
      values: minutes.map((samples) => (samples.has(name) ? String(samples.get(name)) : '_')).join(' '),
    }));
    const firing = {
      exp_labels: {
        severity: 'page',
        team: 'sre',
        simulated: 'true',
        service: 'orders-api',
        probe: 'Payments',
      },
      exp_annotations: {
        summary: 'DRILL: orders-api unready: dependency Payments failing (simulated)',
        description:
          'Failure drill: probe Payments of orders-api is driven by health.simulate, not by an outage. This page proves alert delivery; acknowledge it and end the drill.',
        drill: 'true',
      },
    };
    const test = {
      rule_files: ['rollgate-rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: series,
          alert_rule_test: [
            // The drill's first failing scrape is minute 2; five minutes later it pages.
            { eval_time: '6m', alertname: 'ReadyzDependencyFailure', exp_alerts: [] },
            { eval_time: '7m', alertname: 'ReadyzDependencyFailure', exp_alerts: [firing] },
            { eval_time: '8m', alertname: 'ReadyzDependencyFailure', exp_alerts: [firing] },
            // The drill ended before minute 9's scrape: resolved at once.
            { eval_time: '9m', alertname: 'ReadyzDependencyFailure', exp_alerts: [] },
            { eval_time: '8m', alertname: 'ReadyzProbeFailing', exp_alerts: [] },
          ],
        },
      ],
    };
    copyFileSync(RULES, join(scratch, 'rollgate-rules.yaml'));
    writeFileSync(join(scratch, 'drill.test.yaml'), JSON.stringify(test, null, 2));
    let output: string;
    try {
      output = execFileSync('promtool', ['test', 'rules', 'drill.test.yaml'], {
        cwd: scratch,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(
        `promtool failed on the recorded run:\n${e.stdout ?? ''}${e.stderr ?? ''}\n${JSON.stringify(series)}`,
      );
    }
    expect(output).toContain('SUCCESS');
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const read = (path: string) => readFileSync(join(examples, path), 'utf8');

function promtool(args: string[]): string {
  try {
    return execFileSync('promtool', args, {
      cwd: join(examples, 'prometheus'),
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('promtool is not installed: run `apt-get update && apt-get install -y prometheus`');
    }
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

// Metric names a real readyz exports with the contract's "aether_" prefix, read from its registry.
let exported: Set<string>;
beforeAll(async () => {
  const registry = new Registry();
  const health = createHealth({ service: 'orders-api', version: '1.4.0' });
  health.register({ name: 'Redis', check: async () => true });
  const readyz = createReadyz(health, { metrics: { registry, prefix: 'aether_' } });
  await readyz.handle({ method: 'GET', path: '/readyz', query: '', headers: {} });
  const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
  exported = new Set(names.flatMap((n) => [n, `${n}_bucket`, `${n}_sum`, `${n}_count`]));
  await health.close();
});

function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b(aether_[a-z_]+)/g)].map((m) => m[1]!);
}

describe('Prometheus rules', () => {
  it('pass promtool check and their promtool unit tests', () => {
    expect(promtool(['check', 'rules', 'rollgate-rules.yaml'])).toContain('SUCCESS');
    expect(promtool(['test', 'rules', 'rollgate-rules.test.yaml'])).toContain('SUCCESS');
  });

  it('query only metrics readyz exports', () => {
    const exprs = [
      ...read('prometheus/rollgate-rules.yaml').matchAll(/expr: (?:\|\n)?([^\n]+(?:\n {10}[^\n]+)*)/g),
    ];
    expect(exprs.length).toBeGreaterThan(0);
    for (const [, expr] of exprs) for (const name of metricsIn(expr!)) expect(exported, name).toContain(name);
  });
});

describe('Grafana dashboard', () => {
  it('queries only metrics readyz exports', () => {
    const dashboard = JSON.parse(read('grafana/rollgate-readyz.json')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const names = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricsIn(t.expr)));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(exported, name).toContain(name);
  });
});

describe('Kubernetes manifests', () => {
  const docs = parseAllDocuments(read('kubernetes/deployment.yaml')).map((d) => d.toJS());
  const container = docs[0].spec.template.spec.containers[0];

  it('point each Kubernetes probe at the readyz route for its group', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0' });
    const readyz = createReadyz(health);
    health.markStarted();
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      const path: string = container[probe].httpGet.path;
      const response = await readyz.handle({ method: 'GET', path, query: '', headers: {} });
      expect(response.status, `${probe} ${path}`).toBe(200);
    }
    await health.close();
  });

  it('give rollgate time to answer: probe timeouts exceed the default check deadline (2000 + 250 ms)', () => {
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(container[probe].timeoutSeconds * 1000).toBeGreaterThan(2250);
    }
  });

  it('Argo Rollouts canary follows the contract plan 10 → 25 → 50 → 100 with 5 m holds', () => {
    const [rollout] = parseAllDocuments(read('kubernetes/rollout.yaml')).map((d) => d.toJS());
    const steps = rollout.spec.strategy.canary.steps as Record<string, unknown>[];
    expect(steps.filter((s) => 'setWeight' in s).map((s) => s.setWeight)).toEqual([10, 25, 50, 100]);
    expect(steps.filter((s) => 'pause' in s).map((s) => (s.pause as { duration: string }).duration)).toEqual([
      '5m',
      '5m',
      '5m',
    ]);
  });
});

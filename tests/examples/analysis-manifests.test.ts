// The manifests that wire Argo Rollouts and Flagger to rollgate's analysis server, read as a cluster would: the
// URLs reach the Service, the conditions read the server's decisions, the timeouts sit above its budget, the
// request variables are ones the example metric-queries declares, and the probes hit routes the server answers.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { createHealth } from '@rollgate/core';
import { CONTRACT_DEFAULT_RULES } from '@rollgate/core/rules';
import { createReadyz } from '@rollgate/readyz';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { prepareAnalysis } from '../../packages/cli/src/analysis/index.js';
import { createAnalysisServer, DEFAULT_SERVER_LIMITS } from '../../packages/cli/src/server/index.js';
import { http } from '../support/http.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const read = (path: string) => readFileSync(join(examples, path), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML, checked field by field below.
type Doc = any;
const docs = (file: string): Doc[] => parseAllDocuments(read(`kubernetes/${file}`)).map((d) => d.toJS());
const QUERIES = parse(read('prometheus/metric-queries.yaml'));
const DEMO_RULES = parse(read('demo/documents/rollback_rules.yaml'));
const declared = new Set(Object.keys(QUERIES.variables));
const budgetSeconds = DEFAULT_SERVER_LIMITS.requestTimeoutMs / 1000;

const [deployment, service] = docs('serve-analysis.yaml');
const container = deployment.spec.template.spec.containers[0];
const flag = (name: string) => container.args[container.args.indexOf(name) + 1] as string;
const [webTemplate, directTemplate] = docs('analysis-template.yaml');
const [rollout] = docs('rollout.yaml');
const [canary] = docs('flagger-canary.yaml');

/** Where a URL lands in the cluster: `<service>.<namespace>`, port, path. */
function target(url: string) {
  const u = new URL(url);
  const [name, namespace] = u.hostname.split('.');
  return { name, namespace, port: Number(u.port), path: u.pathname };
}
const serverAddress = {
  name: service.metadata.name,
  namespace: service.metadata.namespace,
  port: service.spec.ports[0].port,
};

describe('every example manifest', () => {
  it('parses as YAML without errors', () => {
    for (const file of readdirSync(join(examples, 'kubernetes')).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(read(`kubernetes/${file}`))) expect(doc.errors, file).toEqual([]);
    }
  });
});

describe('examples/prometheus/metric-queries.yaml', () => {
  it('is a valid metric-queries document', () => {
    const result = parseContract('metric-queries', QUERIES);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('reads readyz’s metrics by the names readyz exports (prefix aether_)', async () => {
    const registry = new Registry();
    const health = createHealth({ service: 'orders-api', version: '1.4.0' });
    health.register({ name: 'Redis', check: async () => true });
    const readyz = createReadyz(health, { metrics: { registry, prefix: 'aether_' } });
    await readyz.handle({ method: 'GET', path: '/readyz', query: '', headers: {} });
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    await health.close();
    const text = JSON.stringify(QUERIES.queries).replace(/\\"[^"\\]*\\"/g, '');
    const used = [...text.matchAll(/\b(aether_[a-z_]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(exported, name).toContain(name);
  });

  it('has a query for every metric the demo’s rules and the contract’s default rules read', () => {
    for (const rules of [DEMO_RULES, CONTRACT_DEFAULT_RULES]) {
      const prepared = prepareAnalysis(rules, QUERIES);
      expect(prepared.ok ? [] : prepared.issues).toEqual([]);
    }
  });
});

describe('serve-analysis Deployment and Service', () => {
  it('serves on the port the Service targets, on every interface, with the documents from its ConfigMap', () => {
    const port = container.ports.find((p: Doc) => p.name === service.spec.ports[0].targetPort);
    expect(port.containerPort).toBe(Number(flag('--port')));
    expect(flag('--host')).toBe('0.0.0.0');
    expect(container.args[0]).toBe('serve-analysis');
    const mount = container.volumeMounts[0].mountPath;
    expect(flag('--rules')).toBe(`${mount}/rollback_rules.yaml`);
    expect(flag('--queries')).toBe(`${mount}/metric-queries.yaml`);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    // The ConfigMap command in the file's header names both files.
    expect(read('kubernetes/serve-analysis.yaml')).toContain(
      '--from-file=rollback_rules.yaml=examples/demo/documents/rollback_rules.yaml',
    );
    expect(read('kubernetes/serve-analysis.yaml')).toContain(
      '--from-file=metric-queries.yaml=examples/prometheus/metric-queries.yaml',
    );
  });

  describe('probes against a real analysis server', () => {
    let prometheus: Server;
    let analysis: ReturnType<typeof createAnalysisServer>;
    let base: string;
    beforeAll(async () => {
      // Stands in for Prometheus' /-/ready only: the probes never run a query.
      prometheus = createServer((_req, res) => res.writeHead(200).end('Prometheus Server is Ready.'));
      await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
      const address = prometheus.address();
      analysis = createAnalysisServer({
        rules: DEMO_RULES,
        queries: QUERIES,
        prometheus: { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` },
        port: 0,
      });
      base = `http://127.0.0.1:${(await analysis.listen()).port}`;
    });
    afterAll(async () => {
      await analysis?.close();
      prometheus?.closeAllConnections();
      await new Promise((resolve) => prometheus?.close(resolve));
    });

    it('point each probe at a route the server answers 200, with timeouts above its check deadline', async () => {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const path: string = container[probe].httpGet.path;
        expect((await http(`${base}${path}`)).status, `${probe} ${path}`).toBe(200);
        expect(container[probe].timeoutSeconds * 1000).toBeGreaterThan(2250);
      }
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(
        (await http(`${base}${deployment.spec.template.metadata.annotations['prometheus.io/path']}`)).status,
      ).toBe(200);
    });
  });
});

describe('Argo Rollouts AnalysisTemplate (web provider)', () => {
  const metric = webTemplate.spec.metrics[0];
  const web = metric.provider.web;

  it('POSTs to serve-analysis’ /v1/analysis and reads the decision', () => {
    expect(target(web.url)).toEqual({ ...serverAddress, path: '/v1/analysis' });
    expect(web.method).toBe('POST');
    expect(web.jsonPath).toBe('{$.decision}');
    expect(web.headers).toContainEqual({ key: 'Content-Type', value: 'application/json' });
  });

  it('counts promote/continue as success, rollback/block as failure, the rest as inconclusive (limited)', () => {
    expect(metric.successCondition).toBe('result in ["promote", "continue"]');
    expect(metric.failureCondition).toBe('result in ["rollback", "block"]');
    expect(metric.failureLimit).toBe(0);
    expect(metric.inconclusiveLimit).toBeGreaterThanOrEqual(1);
    expect(metric.consecutiveErrorLimit).toBeGreaterThanOrEqual(1);
  });

  it('waits longer than the server’s request budget, and sends only declared variables, each from an arg', () => {
    expect(web.timeoutSeconds).toBeGreaterThan(budgetSeconds);
    const args = new Set(webTemplate.spec.args.map((a: Doc) => a.name));
    for (const [name, value] of Object.entries(web.jsonBody as Record<string, string>)) {
      expect(declared, name).toContain(name);
      const arg = /^\{\{args\.([a-z-]+)\}\}$/.exec(value)?.[1];
      expect(args, value).toContain(arg);
    }
  });

  it('is the template the Rollout uses, with every arg without a default supplied', () => {
    const analysis = rollout.spec.strategy.canary.analysis;
    expect(analysis.templates).toEqual([{ templateName: webTemplate.metadata.name }]);
    const given = new Set(analysis.args.map((a: Doc) => a.name));
    for (const arg of webTemplate.spec.args)
      if (arg.value === undefined) expect(given, arg.name).toContain(arg.name);
  });

  it('keeps the direct Prometheus variant beside it, labelled', () => {
    expect(directTemplate.metadata.labels['rollgate.dev/variant']).toBe('direct-prometheus');
    expect(directTemplate.spec.metrics.every((m: Doc) => 'prometheus' in m.provider)).toBe(true);
  });
});

describe('Flagger Canary', () => {
  const hooks = canary.spec.analysis.webhooks as Doc[];

  it('calls serve-analysis’ /v1/flagger before each step and before promotion', () => {
    expect(hooks.map((h) => h.type).sort()).toEqual(['confirm-promotion', 'rollout']);
    for (const hook of hooks) expect(target(hook.url)).toEqual({ ...serverAddress, path: '/v1/flagger' });
  });

  it('waits longer than the server’s budget, sends declared variables, and rolls back after failed checks', () => {
    for (const hook of hooks) {
      expect(Number.parseInt(hook.timeout, 10)).toBeGreaterThan(budgetSeconds);
      expect(hook.timeout).toMatch(/^\d+s$/);
      for (const name of Object.keys(hook.metadata)) expect(declared, name).toContain(name);
    }
    expect(canary.spec.analysis.threshold).toBeGreaterThanOrEqual(1);
    expect(canary.spec.analysis.stepWeights).toEqual([10, 25, 50]);
  });
});

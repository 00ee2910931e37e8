import { DEFAULT_DRAIN_DELAY_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS } from '@rollgate/adapters/shutdown';
import { DEFAULT_HEARTBEAT, PROBE_TIMEOUT_CAP_MS } from '@rollgate/core';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintManifests } from './lint.js';
import { lintSettings } from './settings.js';

const container = (overrides: Record<string, unknown> = {}) => ({
  name: 'api',
  ports: [{ name: 'http', containerPort: 8080 }],
  readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, successThreshold: 3, failureThreshold: 3 },
  livenessProbe: { httpGet: { path: '/livez', port: 'http' } },
  ...overrides,
});
const deployment = (name: string, containers: unknown[], spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { template: { spec: { containers, ...spec } } },
});
const yaml = (...docs: unknown[]) => docs.map((d) => stringify(d)).join('---\n');
const lint = (text: string, options = {}) => lintManifests([{ file: 'k8s.yaml', text }], options);

describe('lint-k8s rules', () => {
  it("judges by rollgate's own constants, not copies", () => {
    expect(lintSettings()).toEqual({
      readinessPath: '/readyz',
      heartbeat: {
        failureThreshold: DEFAULT_HEARTBEAT.failureThreshold,
        successThreshold: DEFAULT_HEARTBEAT.successThreshold,
      },
      probeTimeoutCapSeconds: PROBE_TIMEOUT_CAP_MS / 1000,
      livenessDelayLimitSeconds: DEFAULT_HEARTBEAT.graceMs / 1000,
      drainDelayMs: DEFAULT_DRAIN_DELAY_MS,
      shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    });
  });

  it('names file, document index, kind/name, container and path of each finding', () => {
    const text = yaml(
      { kind: 'Service', metadata: { name: 'orders-api' } },
      deployment('orders-api', [container(), container({ name: 'sidecar', readinessProbe: undefined })]),
    );
    expect(lint(text).findings).toEqual([
      {
        code: 'readiness_probe_missing',
        file: 'k8s.yaml',
        document: 1,
        kind: 'Deployment',
        name: 'orders-api',
        container: 'sidecar',
        path: 'spec.template.spec.containers[1].readinessProbe',
        message: 'no readinessProbe; add httpGet /readyz so a pod whose dependencies fail leaves the Service',
      },
    ]);
  });

  it('lints the Deployment a Rollout points at once, labelled with the Rollout, across files', () => {
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'orders' },
      spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders-api' } },
    };
    const bad = deployment('orders-api', [
      container({ livenessProbe: { httpGet: { path: '/readyz', port: 'http' } } }),
    ]);
    const result = lintManifests([
      { file: 'rollout.yaml', text: yaml(rollout) },
      { file: 'deployment.yaml', text: yaml(bad) },
    ]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      code: 'liveness_on_readiness_path',
      file: 'deployment.yaml',
      kind: 'Deployment',
      runBy: 'Rollout/orders',
      path: 'spec.template.spec.containers[0].livenessProbe.httpGet.path',
    });
    expect(lintManifests([{ file: 'rollout.yaml', text: yaml(rollout) }])).toMatchObject({
      findings: [],
      workloads: 0,
      skipped: [
        { file: 'rollout.yaml', document: 0, kind: 'Rollout', name: 'orders', ref: 'Deployment/orders-api' },
      ],
    });
  });

  it('lints a Rollout with its own template, and a Flagger Canary through targetRef', () => {
    const rollout = {
      kind: 'Rollout',
      metadata: { name: 'inline' },
      spec: {
        template: {
          spec: {
            containers: [container({ readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 3 } })],
          },
        },
      },
    };
    const canary = {
      kind: 'Canary',
      metadata: { name: 'c' },
      spec: { targetRef: { kind: 'Deployment', name: 'd' } },
    };
    const result = lint(
      yaml(rollout, canary, deployment('d', [container()], { terminationGracePeriodSeconds: 5 })),
    );
    expect(result.findings.map((f) => [f.code, f.kind, f.name, f.runBy])).toEqual([
      ['readiness_probe_path', 'Rollout', 'inline', undefined],
      ['termination_grace_too_short', 'Deployment', 'd', 'Canary/c'],
    ]);
    expect(result.findings[0]?.message).toBe(
      'readinessProbe is not an httpGet probe; expected httpGet /readyz',
    );
  });

  it('takes the readiness path, drain delay and shutdown timeout as options', () => {
    const text = yaml(deployment('d', [container()], { terminationGracePeriodSeconds: 30 }));
    expect(lint(text, { readinessPath: '/health/ready' }).findings.map((f) => f.code)).toEqual([
      'readiness_probe_path',
    ]);
    expect(lint(text, { drainDelayMs: 10_000, shutdownTimeoutMs: 25_000 }).findings[0]?.message).toBe(
      'terminationGracePeriodSeconds is 30; the drain delay (10 s) plus the shutdown timeout (25 s) need 35',
    );
  });

  it("applies Kubernetes' defaults to absent thresholds and grace", () => {
    const text = yaml(
      deployment('d', [container({ readinessProbe: { httpGet: { path: '/readyz', port: 8080 } } })]),
    );
    expect(lint(text).findings.map((f) => f.message)).toEqual([
      "readinessProbe successThreshold is absent (Kubernetes defaults it to 1); the contract's heartbeat uses 3",
    ]);
  });

  it('resolves named ports within the container and numeric strings as numbers', () => {
    const text = yaml(
      deployment('d', [
        container({ readinessProbe: { httpGet: { path: '/readyz', port: '8080' }, successThreshold: 3 } }),
        container({ name: 'b', livenessProbe: { httpGet: { path: '/livez', port: 'admin' } } }),
      ]),
    );
    expect(lint(text).findings.map((f) => [f.container, f.path, f.message])).toEqual([
      [
        'b',
        'spec.template.spec.containers[1].livenessProbe.httpGet.port',
        'livenessProbe uses port "admin" but container "b" declares no port named "admin"',
      ],
    ]);
  });

  it('reports an unreadable document and still lints the others', () => {
    const text = `${yaml(deployment('d', [container({ readinessProbe: undefined })]))}---\nkey: [unclosed\n`;
    const result = lint(text);
    expect(result.findings.map((f) => f.code)).toEqual(['readiness_probe_missing']);
    expect(result.issues).toMatchObject([{ file: 'k8s.yaml', code: 'syntax', path: 'document[1]' }]);
  });
});

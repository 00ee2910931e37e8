import { RollgateError } from '@rollgate/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { healthWith, pass, request } from './test-kit.js';
import type { ReadyzOptions } from './types.js';

const health = () => healthWith([{ name: 'db', check: pass }]);

describe('route table', () => {
  it('serves the documented paths by default', () => {
    const readyz = createReadyz(health());
    expect(readyz.routes.map((r) => [r.name, r.pattern, r.group])).toEqual([
      ['readyz', '/readyz', 'readiness'],
      ['livez', '/livez', 'liveness'],
      ['healthz', '/healthz', 'liveness'],
      ['health', '/health', 'liveness'],
      ['healthReady', '/health/ready', 'readiness'],
      ['healthLive', '/health/live', 'liveness'],
      ['healthStartup', '/health/startup', 'startup'],
      ['probe', '/readyz/:probe', undefined],
    ]);
  });

  it('mounts every route under a prefix', async () => {
    const readyz = createReadyz(health(), { prefix: '/ops/' });
    expect(readyz.routes.every((r) => r.path.startsWith('/ops/'))).toBe(true);
    expect((await request(readyz, '/ops/readyz')).body).toBe('{"status":"ok"}');
    expect((await request(readyz, '/ops/readyz/db')).status).toBe(200);
    expect((await request(readyz, '/ops/health/startup')).status).toBe(200);
    expect((await request(readyz, '/readyz')).status).toBe(404);
    expect(readyz.matches('/ops/livez')).toBe(true);
    expect(readyz.matches('/livez')).toBe(false);
  });

  it('renames routes; the probe route follows /readyz unless renamed itself', async () => {
    const readyz = createReadyz(health(), { paths: { readyz: '/ready', livez: '/alive' } });
    expect((await request(readyz, '/ready')).status).toBe(200);
    expect((await request(readyz, '/ready/db')).status).toBe(200);
    expect((await request(readyz, '/alive')).status).toBe(200);
    expect((await request(readyz, '/readyz')).status).toBe(404);
    expect((await request(readyz, '/livez')).status).toBe(404);

    const split = createReadyz(health(), { paths: { probe: '/probes' } });
    expect((await request(split, '/probes/db')).status).toBe(200);
    expect((await request(split, '/readyz/db')).status).toBe(404);
    expect((await request(split, '/readyz')).status).toBe(200);
  });

  it('switches routes off one by one; switching /readyz off takes its probe route along', async () => {
    const readyz = createReadyz(health(), { paths: { healthz: false, health: false, readyz: false } });
    expect((await request(readyz, '/healthz')).status).toBe(404);
    expect((await request(readyz, '/health')).status).toBe(404);
    expect((await request(readyz, '/readyz')).status).toBe(404);
    expect((await request(readyz, '/readyz/db')).status).toBe(404);
    expect((await request(readyz, '/health/ready')).status).toBe(200);
    expect(readyz.routes.map((r) => r.name)).toEqual(['livez', 'healthReady', 'healthLive', 'healthStartup']);

    const keepProbe = createReadyz(health(), { paths: { readyz: false, probe: true } });
    expect((await request(keepProbe, '/readyz/db')).status).toBe(200);
  });

  it('the /metrics route is off by default and served when asked, with metrics configured', async () => {
    expect(createReadyz(health()).routes.some((r) => r.name === 'metrics')).toBe(false);
    const registry = new Registry();
    const readyz = createReadyz(health(), { paths: { metrics: true }, metrics: { registry } });
    await request(readyz, '/readyz');
    const res = await request(readyz, '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(registry.contentType);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('readyz_success{service="orders-api"} 1');
    expect((await request(readyz, '/metrics', { method: 'HEAD' })).body).toBe('');
    expect((await request(readyz, '/metrics', { method: 'POST' })).status).toBe(405);
    const renamed = createReadyz(health(), {
      paths: { metrics: '/internal/metrics' },
      metrics: { registry: new Registry() },
    });
    expect((await request(renamed, '/internal/metrics')).status).toBe(200);
  });

  it('a /metrics route whose registry fails answers 503, never throws', async () => {
    const registry = new Registry();
    const readyz = createReadyz(health(), { paths: { metrics: true }, metrics: { registry } });
    registry.registerMetric({
      name: 'broken',
      help: 'x',
      type: 'gauge',
      get: () => Promise.reject(new Error('collector down')),
      reset: () => {},
      labels: () => ({}),
      remove: () => {},
      aggregator: 'sum',
      collect: undefined,
    } as unknown as Parameters<Registry['registerMetric']>[0]);
    const res = await request(readyz, '/metrics');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'ROLLGATE_ERR_READYZ_METRICS_UNAVAILABLE' });
  });
});

describe('setup errors are coded and thrown once, at createReadyz()', () => {
  const cases: [string, ReadyzOptions, string][] = [
    ['a path without a leading slash', { paths: { readyz: 'readyz' } }, 'ROLLGATE_ERR_READYZ_INVALID_PATH'],
    ['a path with a query', { paths: { livez: '/livez?x' } }, 'ROLLGATE_ERR_READYZ_INVALID_PATH'],
    ['a path with a space', { paths: { livez: '/li vez' } }, 'ROLLGATE_ERR_READYZ_INVALID_PATH'],
    ['a bad prefix', { prefix: 'ops' }, 'ROLLGATE_ERR_READYZ_INVALID_PATH'],
    ['two routes on one path', { paths: { livez: '/healthz' } }, 'ROLLGATE_ERR_READYZ_DUPLICATE_PATH'],
    ['an unknown route name', { paths: { nope: true } as never }, 'ROLLGATE_ERR_UNKNOWN_OPTION'],
    ['a non-path route value', { paths: { livez: 3 } as never }, 'ROLLGATE_ERR_READYZ_INVALID_OPTION'],
    ['an unknown details value', { details: 'sometimes' as never }, 'ROLLGATE_ERR_READYZ_INVALID_OPTION'],
    ['a zero limit', { limits: { maxPathBytes: 0 } }, 'ROLLGATE_ERR_READYZ_INVALID_OPTION'],
    [
      'a /metrics route without metrics',
      { paths: { metrics: true } },
      'ROLLGATE_ERR_READYZ_METRICS_REQUIRED',
    ],
  ];
  for (const [what, options, code] of cases) {
    it(`${what}: ${code}`, () => {
      const attempt = () => createReadyz(health(), options);
      expect(attempt).toThrow(RollgateError);
      try {
        attempt();
      } catch (error) {
        expect((error as RollgateError).code).toBe(code);
      }
    });
  }

  it('something that is not a Health', () => {
    expect(() => createReadyz({} as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_READYZ_INVALID_OPTION' }),
    );
  });
});

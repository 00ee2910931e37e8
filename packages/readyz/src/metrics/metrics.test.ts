import * as promClient from 'prom-client';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadyz } from '../create-readyz.js';
import { counted, failWith, healthWith, pass, request } from '../test-kit.js';
import type { PromClientLike } from './prom-types.js';

// The real prom-client module fits the structural type hosts may pass as `metrics.client`.
const typed: PromClientLike = promClient;

interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/** Reads one series back from the registry (a scrape). */
async function sample(
  registry: Registry,
  series: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values as Sample[]) {
      const name = v.metricName ?? metric.name;
      if (name !== series) continue;
      if (Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)) return v.value;
    }
  }
  return undefined;
}

const service = { service: 'orders-api' };

afterEach(() => {
  vi.useRealTimers();
});

describe('readiness metrics', () => {
  it('readyz_success is 1 then 0, and readyz_latency_seconds counts every full readiness check', async () => {
    let up = true;
    const registry = new Registry();
    const readyz = createReadyz(
      healthWith([
        {
          name: 'Redis',
          check: () => {
            if (!up) throw new Error('PING timeout after 300ms');
          },
        },
      ]),
      { metrics: { registry } },
    );
    expect(await sample(registry, 'readyz_success', service)).toBeUndefined();
    await request(readyz, '/readyz');
    expect(await sample(registry, 'readyz_success', service)).toBe(1);
    up = false;
    await request(readyz, '/health/ready');
    expect(await sample(registry, 'readyz_success', service)).toBe(0);
    expect(await sample(registry, 'readyz_latency_seconds_count', service)).toBe(2);
    expect(await sample(registry, 'readyz_latency_seconds_sum', service)).toBeGreaterThanOrEqual(0);
  });

  it('a degraded answer counts as ready (1); draining as not ready (0)', async () => {
    const registry = new Registry();
    const health = healthWith([
      { name: 'db', check: pass },
      { name: 'search', check: failWith('HTTP 502'), critical: false },
    ]);
    const readyz = createReadyz(health, { metrics: { registry } });
    await request(readyz, '/readyz');
    expect(await sample(registry, 'readyz_success', service)).toBe(1);
    health.beginDrain();
    await request(readyz, '/readyz');
    expect(await sample(registry, 'readyz_success', service)).toBe(0);
  });

  it('excluded, single-probe, liveness and startup answers do not speak for readiness', async () => {
    const registry = new Registry();
    const readyz = createReadyz(
      healthWith([
        { name: 'db', check: failWith('down') },
        { name: 'cache', check: pass },
      ]),
      { metrics: { registry } },
    );
    await request(readyz, '/readyz?exclude=db');
    await request(readyz, '/readyz/cache');
    await request(readyz, '/livez');
    await request(readyz, '/health/startup');
    expect(await sample(registry, 'readyz_success', service)).toBeUndefined();
    expect(await sample(registry, 'readyz_latency_seconds_count', service)).toBeUndefined();
    await request(readyz, '/readyz');
    expect(await sample(registry, 'readyz_success', service)).toBe(0);
    expect(await sample(registry, 'readyz_latency_seconds_count', service)).toBe(1);
  });

  it('an optional prefix names every metric (aether_readyz_success), with custom buckets', async () => {
    const registry = new Registry();
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), {
      metrics: { registry, prefix: 'aether_', buckets: [0.1, 1] },
    });
    await request(readyz, '/readyz');
    const text = await registry.metrics();
    expect(text).toContain('aether_readyz_success{service="orders-api"} 1');
    expect(text).toContain('aether_readyz_latency_seconds_bucket{le="0.1",service="orders-api"}');
    expect(text).toContain('aether_readyz_latency_seconds_bucket{le="1",service="orders-api"}');
    expect(text).toContain('aether_readyz_probe_success{service="orders-api",probe="db"} 1');
    expect(text).toContain('aether_readyz_probe_duration_seconds_count{service="orders-api",probe="db"} 1');
    expect(text).not.toMatch(/^readyz_/m);
  });
});

describe('probe metrics', () => {
  it('record real probe runs with service and probe labels, never cache hits', async () => {
    const registry = new Registry();
    const db = counted(pass);
    const redis = counted(failWith('PING timeout after 300ms'));
    const readyz = createReadyz(
      healthWith(
        [
          { name: 'Postgres', check: db.check },
          { name: 'Redis', check: redis.check },
        ],
        { cacheTtlMs: 60_000 },
      ),
      { metrics: { registry } },
    );
    for (let i = 0; i < 5; i++) await request(readyz, '/readyz');
    await request(readyz, '/readyz/Redis');
    expect(db.calls).toBe(1);
    expect(redis.calls).toBe(1);
    const pg = { service: 'orders-api', probe: 'Postgres' };
    const rd = { service: 'orders-api', probe: 'Redis' };
    expect(await sample(registry, 'readyz_probe_success', pg)).toBe(1);
    expect(await sample(registry, 'readyz_probe_success', rd)).toBe(0);
    expect(await sample(registry, 'readyz_probe_duration_seconds_count', pg)).toBe(1);
    expect(await sample(registry, 'readyz_probe_duration_seconds_count', rd)).toBe(1);
    // Full readiness checks are still counted per answer, cached or not.
    expect(await sample(registry, 'readyz_latency_seconds_count', service)).toBe(5);
  });

  it('each real run is observed once, however many answers share it', async () => {
    const registry = new Registry();
    const db = counted(() => new Promise((resolve) => setTimeout(resolve, 5)));
    const readyz = createReadyz(healthWith([{ name: 'db', check: db.check }]), { metrics: { registry } });
    await Promise.all(Array.from({ length: 20 }, () => request(readyz, '/readyz')));
    expect(db.calls).toBe(1); // single flight
    expect(await sample(registry, 'readyz_probe_duration_seconds_count', { probe: 'db' })).toBe(1);
    await request(readyz, '/readyz');
    expect(db.calls).toBe(2);
    expect(await sample(registry, 'readyz_probe_duration_seconds_count', { probe: 'db' })).toBe(2);
    expect(await sample(registry, 'readyz_probe_duration_seconds_sum', { probe: 'db' })).toBeGreaterThan(
      0.004,
    );
  });

  it('a scrape never runs a probe: it reads the last results, even of checks the router did not answer', async () => {
    const registry = new Registry();
    const db = counted(pass);
    const health = healthWith([{ name: 'db', check: db.check }]);
    createReadyz(health, { metrics: { registry } });
    for (let i = 0; i < 10; i++) await registry.metrics();
    expect(db.calls).toBe(0);
    expect(await sample(registry, 'readyz_probe_success', { probe: 'db' })).toBeUndefined();
    await health.check('readiness'); // the host checks directly, not through the router
    for (let i = 0; i < 10; i++) await registry.metrics();
    expect(db.calls).toBe(1);
    expect(await sample(registry, 'readyz_probe_success', { probe: 'db' })).toBe(1);
    expect(await sample(registry, 'readyz_probe_duration_seconds_count', { probe: 'db' })).toBe(1);
    expect(db.calls).toBe(1);
  });

  it('every background heartbeat round is counted, even several between two scrapes', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const registry = new Registry();
    const db = counted(pass);
    const health = healthWith([{ name: 'db', groups: ['liveness', 'readiness'], check: db.check }], {
      heartbeat: { intervalMs: 10_000, graceMs: 0 },
    });
    try {
      createReadyz(health, { metrics: { registry } });
      await vi.advanceTimersByTimeAsync(10_000);
      const afterOne = db.calls;
      expect(afterOne).toBeGreaterThanOrEqual(1);
      expect(await sample(registry, 'readyz_probe_duration_seconds_count', { probe: 'db' })).toBe(afterOne);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(db.calls).toBe(afterOne + 3);
      expect(await sample(registry, 'readyz_probe_duration_seconds_count', { probe: 'db' })).toBe(
        afterOne + 3,
      );
      const scrapes = db.calls;
      await registry.metrics();
      expect(db.calls).toBe(scrapes);
    } finally {
      await health.close();
    }
  });
});

describe('registry handling', () => {
  it('never touches the global registry', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), {
      metrics: { registry: new Registry() },
    });
    await request(readyz, '/readyz');
    expect(await promClient.register.metrics()).not.toContain('readyz_');
  });

  it('several routers on one registry share the series, labelled by service', async () => {
    const registry = new Registry();
    const a = createReadyz(healthWith([{ name: 'db', check: pass }], { service: 'orders-api' }), {
      metrics: { registry },
    });
    const b = createReadyz(healthWith([{ name: 'db', check: failWith('down') }], { service: 'billing' }), {
      metrics: { registry },
    });
    await request(a, '/readyz');
    await request(b, '/readyz');
    expect(await sample(registry, 'readyz_success', { service: 'orders-api' })).toBe(1);
    expect(await sample(registry, 'readyz_success', { service: 'billing' })).toBe(0);
    expect(await sample(registry, 'readyz_probe_success', { service: 'billing', probe: 'db' })).toBe(0);
  });

  it('refuses a registry where someone else registered a readyz metric name', () => {
    const registry = new Registry();
    new promClient.Gauge({ name: 'readyz_success', help: 'not ours', registers: [registry] });
    expect(() => createReadyz(healthWith([]), { metrics: { registry } })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_READYZ_METRIC_CONFLICT' }),
    );
  });

  it('builds the metrics with the client the host passes', async () => {
    const registry = new Registry();
    let built = 0;
    const client: PromClientLike = {
      Gauge: class extends promClient.Gauge {
        constructor(config: ConstructorParameters<typeof promClient.Gauge>[0]) {
          super(config);
          built += 1;
        }
      },
      Histogram: typed.Histogram,
    };
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), { metrics: { registry, client } });
    await request(readyz, '/readyz');
    expect(built).toBe(4); // readyz_success, readyz_probe_success, readyz_simulated, readyz_build_info
    expect(await sample(registry, 'readyz_success', service)).toBe(1);
  });

  it('rejects a bad prefix, bad buckets or something that is not a registry', () => {
    const health = healthWith([]);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => createReadyz(health, { metrics: { registry: new Registry(), prefix: '9x-' } }))).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
    expect(
      code(() => createReadyz(health, { metrics: { registry: new Registry(), buckets: [1, 0.5] } })),
    ).toBe('ROLLGATE_ERR_READYZ_INVALID_OPTION');
    expect(code(() => createReadyz(health, { metrics: { registry: {} as never } }))).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
  });
});

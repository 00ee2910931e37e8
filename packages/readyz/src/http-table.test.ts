import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { counted, failWith, healthWith, json, pass, request } from './test-kit.js';

// One test per row of DESIGN.md "HTTP behaviour", through the real engine.

const JSON_TYPE = 'application/json; charset=utf-8';

describe('/readyz and /health/ready answer the readiness group', () => {
  for (const path of ['/readyz', '/health/ready']) {
    it(`${path}: 200 with exactly {"status":"ok"} when every readiness probe passes`, async () => {
      const readyz = createReadyz(healthWith([{ name: 'Postgres', check: pass }]));
      const res = await request(readyz, path);
      expect(res.status).toBe(200);
      expect(res.body).toBe('{"status":"ok"}');
      expect(res.headers['content-type']).toBe(JSON_TYPE);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it(`${path}: 503 naming the first failing critical dependency and its error`, async () => {
      const health = healthWith([
        { name: 'Postgres', check: pass },
        { name: 'Redis', check: failWith('PING timeout after 300ms') },
        { name: 'Kafka', check: failWith('metadata timeout after 500ms') },
      ]);
      const res = await request(createReadyz(health), path);
      expect(res.status).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(json(res)).toEqual({
        status: 'fail',
        dependency: 'Redis',
        error: 'PING timeout after 300ms',
        failures: [
          { name: 'Redis', critical: true, error: 'PING timeout after 300ms' },
          { name: 'Kafka', critical: true, error: 'metadata timeout after 500ms' },
        ],
      });
    });
  }

  it('a failing non-critical probe degrades readiness: 200 with status degraded and the failure', async () => {
    const health = healthWith([
      { name: 'Postgres', check: pass },
      { name: 'feature-store', check: failWith('HTTP 502'), critical: false },
    ]);
    const res = await request(createReadyz(health), '/readyz');
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({
      status: 'degraded',
      failures: [{ name: 'feature-store', critical: false, error: 'HTTP 502' }],
    });
  });

  it('a readiness probe never runs for liveness routes', async () => {
    const db = counted(failWith('down'));
    const readyz = createReadyz(healthWith([{ name: 'db', check: db.check }]));
    for (const path of ['/livez', '/healthz', '/health', '/health/live']) {
      expect((await request(readyz, path)).status).toBe(200);
    }
    expect(db.calls).toBe(0);
  });
});

describe('/livez, /healthz, /health/live and /health answer the liveness group', () => {
  for (const path of ['/livez', '/healthz', '/health/live', '/health']) {
    it(`${path}: 200 {"status":"ok"}, then 503 when a liveness probe fails`, async () => {
      let alive = true;
      const health = healthWith([
        {
          name: 'event-loop',
          groups: ['liveness'],
          check: () => {
            if (!alive) throw new Error('event loop blocked for 2100ms');
          },
        },
      ]);
      const readyz = createReadyz(health);
      const ok = await request(readyz, path);
      expect(ok.status).toBe(200);
      expect(ok.body).toBe('{"status":"ok"}');
      alive = false;
      const fail = await request(readyz, path);
      expect(fail.status).toBe(503);
      expect(json(fail)).toMatchObject({ status: 'fail', dependency: 'event-loop' });
      expect(fail.headers['cache-control']).toBe('no-store');
      expect(fail.headers['content-type']).toBe(JSON_TYPE);
    });
  }

  it('/health answers from the heartbeat state in heartbeat mode, without running a probe per request', async () => {
    const beat = counted(pass);
    const health = healthWith([{ name: 'db', groups: ['liveness', 'readiness'], check: beat.check }], {
      heartbeat: { intervalMs: 60_000, graceMs: 0 },
    });
    try {
      const readyz = createReadyz(health);
      const runsBefore = beat.calls;
      for (let i = 0; i < 5; i++) {
        const res = await request(readyz, '/health');
        expect(res.status).toBe(200);
        expect(res.body).toBe('{"status":"ok"}');
      }
      expect(beat.calls).toBe(runsBefore);
    } finally {
      await health.close();
    }
  });
});

describe('/health/startup answers the startup group', () => {
  it('503 while a startup probe fails, 200 once the service has started', async () => {
    let migrated = false;
    const health = healthWith([
      {
        name: 'migrations',
        groups: ['startup'],
        check: () => {
          if (!migrated) throw new Error('2 migrations pending');
        },
      },
    ]);
    const readyz = createReadyz(health);
    const starting = await request(readyz, '/health/startup');
    expect(starting.status).toBe(503);
    expect(json(starting)).toMatchObject({
      status: 'fail',
      dependency: 'migrations',
      error: '2 migrations pending',
    });
    migrated = true;
    expect((await request(readyz, '/health/startup')).status).toBe(200);
    migrated = false; // started stays started: the startup probe is not asked again
    const started = await request(readyz, '/health/startup');
    expect(started.status).toBe(200);
    expect(started.body).toBe('{"status":"ok"}');
  });

  it('markStarted() turns startup 200 even while its probe would still fail', async () => {
    const health = healthWith([{ name: 'warm-cache', groups: ['startup'], check: failWith('cold') }]);
    const readyz = createReadyz(health);
    expect((await request(readyz, '/health/startup')).status).toBe(503);
    health.markStarted();
    expect((await request(readyz, '/health/startup')).status).toBe(200);
  });
});

describe('/readyz/<probe> answers one probe', () => {
  it('200 for a passing probe and 503 naming a failing one, running only that probe', async () => {
    const db = counted(pass);
    const redis = counted(failWith('PING timeout after 300ms'));
    const readyz = createReadyz(
      healthWith([
        { name: 'Postgres', check: db.check },
        { name: 'Redis', check: redis.check },
      ]),
    );
    const ok = await request(readyz, '/readyz/Postgres');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('{"status":"ok"}');
    expect(redis.calls).toBe(0);
    const fail = await request(readyz, '/readyz/Redis');
    expect(fail.status).toBe(503);
    expect(json(fail)).toMatchObject({
      status: 'fail',
      dependency: 'Redis',
      error: 'PING timeout after 300ms',
    });
    expect(db.calls).toBe(1);
  });

  it('a failing non-critical probe asked by name is a 503', async () => {
    const readyz = createReadyz(
      healthWith([{ name: 'search', check: failWith('HTTP 500'), critical: false }]),
    );
    expect((await request(readyz, '/readyz/search')).status).toBe(503);
  });

  it('percent-encoded names are decoded', async () => {
    const readyz = createReadyz(healthWith([{ name: 'orders db', check: pass }]));
    expect((await request(readyz, '/readyz/orders%20db')).status).toBe(200);
  });

  it('404 with a short JSON error for an unknown probe, without running any probe', async () => {
    const db = counted(pass);
    const readyz = createReadyz(healthWith([{ name: 'Postgres', check: db.check }]));
    const res = await request(readyz, '/readyz/Mongo');
    expect(res.status).toBe(404);
    expect(json(res)).toEqual({
      status: 'error',
      code: 'ROLLGATE_ERR_READYZ_UNKNOWN_PROBE',
      error: 'unknown probe',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(db.calls).toBe(0);
  });
});

describe('lifecycle', () => {
  it('draining: readiness 503 at once with reason draining, liveness still 200', async () => {
    const db = counted(pass);
    const health = healthWith([
      { name: 'db', check: db.check },
      { name: 'loop', groups: ['liveness'], check: pass },
    ]);
    const readyz = createReadyz(health);
    expect((await request(readyz, '/readyz')).status).toBe(200);
    health.beginDrain();
    const calls = db.calls;
    for (const path of ['/readyz', '/health/ready']) {
      const res = await request(readyz, path);
      expect(res.status).toBe(503);
      expect(json(res)).toMatchObject({ status: 'fail', reason: 'draining' });
    }
    expect(db.calls).toBe(calls);
    expect((await request(readyz, '/livez')).status).toBe(200);
    expect((await request(readyz, '/health')).status).toBe(200);
  });

  it('closed: every group answers 503 with reason closed', async () => {
    const health = healthWith([{ name: 'db', check: pass }]);
    await health.close();
    const readyz = createReadyz(health);
    for (const path of ['/readyz', '/livez', '/health']) {
      const res = await request(readyz, path);
      expect(res.status).toBe(503);
      expect(json(res)).toMatchObject({ status: 'fail', reason: 'closed' });
    }
  });
});

it('a trailing slash answers like the route itself', async () => {
  const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
  expect((await request(readyz, '/readyz/')).body).toBe('{"status":"ok"}');
  expect((await request(readyz, '/livez/')).status).toBe(200);
});

it('paths outside the table are 404 JSON errors, and matches() tells adapters to pass them on', async () => {
  const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
  const res = await request(readyz, '/orders');
  expect(res.status).toBe(404);
  expect(json(res)).toMatchObject({ status: 'error', code: 'ROLLGATE_ERR_READYZ_NOT_FOUND' });
  expect(readyz.matches('/orders')).toBe(false);
  expect(readyz.matches('/readyz?verbose')).toBe(true);
  expect(readyz.matches('/readyz/db')).toBe(true);
  expect(readyz.matches('/readyz/unknown')).toBe(true); // readyz answers it (404 JSON)
  expect(readyz.matches('/health/startup')).toBe(true);
  expect(readyz.matches('/metrics')).toBe(false); // off by default
});

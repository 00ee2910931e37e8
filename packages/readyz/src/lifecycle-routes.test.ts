// /version, status words, the maintenance toggle, drill marks and the admin route, through handle().
import { parseContract } from '@rollgate/contract';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { healthWith, pass, request } from './test-kit.js';
import { checkReadyzConformance, formatFindings } from './testing.js';

const build = {
  git_sha: '3c0d43ec39b5bdf1',
  git_ref: 'refs/tags/v1.4.0',
  artifact_registry: 'ghcr.io/acme/orders-api',
  timestamp: '2025-10-02T12:00:00.000Z',
};
const TOKEN = 'drill-token-0123456789abcdef';

const report = (body: string) => {
  const parsed = parseContract('health-report', JSON.parse(body));
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  return JSON.parse(body) as Record<string, unknown>;
};

describe('/version', () => {
  it("serves the health's build metadata as the contract's BuildMetadata", async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }], { build }));
    const answer = await request(readyz, '/version');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual(build);
    expect(parseContract('build-metadata', JSON.parse(answer.body)).ok).toBe(true);
    expect((await request(readyz, '/version', { method: 'HEAD' })).body).toBe('');
  });

  it('is not a route without build metadata, so a host-owned /version still answers', async () => {
    const readyz = createReadyz(healthWith([], { build: false }));
    expect(readyz.matches('/version')).toBe(false);
    expect((await request(readyz, '/version')).status).toBe(404);
  });

  it('verbose /healthz carries version and response_time_ms (seed 003)', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass, groups: ['liveness'] }]));
    const body = report((await request(readyz, '/healthz?verbose')).body);
    expect(body).toMatchObject({ status: 'ok', version: '1.4.0' });
    expect(body.response_time_ms).toBe(body.duration_ms);
  });
});

describe('status words', () => {
  const statusWords = {
    readiness: { ok: 'ready', fail: 'not_ready' },
    liveness: { ok: 'alive' },
    startup: { ok: 'started', fail: 'starting' },
  };

  it('maps each group’s words in JSON bodies; health+json and status codes are unchanged', async () => {
    let up = true;
    const health = healthWith([
      {
        name: 'Redis',
        check: () => {
          if (!up) throw new Error('PING timeout after 300ms');
        },
      },
      { name: 'migrations', groups: ['startup'], check: () => up },
    ]);
    const readyz = createReadyz(health, { statusWords });
    up = false;
    const starting = await request(readyz, '/health/startup');
    expect([starting.status, JSON.parse(starting.body).status]).toEqual([503, 'starting']);
    const notReady = await request(readyz, '/readyz');
    expect(notReady.status).toBe(503);
    expect(report(notReady.body)).toMatchObject({ status: 'not_ready', dependency: 'Redis' });
    expect(JSON.parse((await request(readyz, '/readyz/Redis')).body).status).toBe('not_ready');
    up = true;
    expect((await request(readyz, '/health/startup')).body).toBe('{"status":"started"}');
    expect((await request(readyz, '/readyz')).body).toBe('{"status":"ready"}');
    expect((await request(readyz, '/health/ready')).body).toBe('{"status":"ready"}');
    expect((await request(readyz, '/livez')).body).toBe('{"status":"alive"}');
    expect(report((await request(readyz, '/readyz?verbose')).body).status).toBe('ready');
    const healthJson = await request(readyz, '/readyz', { headers: { accept: 'application/health+json' } });
    expect(JSON.parse(healthJson.body).status).toBe('pass');
  });

  it('the conformance kit accepts the mapped words, and refuses them without statusWords', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), { statusWords });
    const findings = await checkReadyzConformance((r) => readyz.fetch(r), { statusWords });
    expect(formatFindings(findings)).toBe('');
    const unmapped = await checkReadyzConformance((r) => readyz.fetch(r));
    expect(unmapped.filter((f) => !f.ok).map((f) => f.check)).toEqual(['readyz.body', 'livez.body']);
  });
});

describe('maintenance toggle over HTTP', () => {
  it('readiness answers 503 with reason maintenance and the reason text, liveness stays 200', async () => {
    const health = healthWith([{ name: 'db', check: pass, groups: ['readiness', 'liveness'] }]);
    const readyz = createReadyz(health);
    health.setReady(false, 'reindexing search');
    const held = await request(readyz, '/readyz');
    expect(held.status).toBe(503);
    expect(report(held.body)).toEqual({ status: 'fail', reason: 'maintenance', error: 'reindexing search' });
    expect((await request(readyz, '/livez')).status).toBe(200);
    health.setReady(true);
    expect((await request(readyz, '/readyz')).status).toBe(200);
  });
});

describe('drills in bodies and metrics', () => {
  it('marks the drilled probe simulated in the failure body, verbose, health+json notes, and readyz_simulated', async () => {
    const registry = new Registry();
    const health = healthWith(
      [
        { name: 'Redis', check: pass },
        { name: 'Postgres', check: pass },
      ],
      { build },
    );
    const readyz = createReadyz(health, { metrics: { registry, prefix: 'aether_' } });
    const gauge = async (probe: string) =>
      (await registry.getSingleMetric('aether_readyz_simulated')?.get())?.values.find(
        (v) => v.labels.probe === probe,
      )?.value;
    expect(await gauge('Redis')).toBe(0);
    health.simulate('Redis', { mode: 'fail', forMs: 60_000 });
    expect(await gauge('Redis')).toBe(1);
    expect(await gauge('Postgres')).toBe(0);
    const failed = await request(readyz, '/readyz');
    expect(failed.status).toBe(503);
    expect(report(failed.body)).toEqual({
      status: 'fail',
      dependency: 'Redis',
      error: 'simulated failure (drill)',
      failures: [{ name: 'Redis', critical: true, error: 'simulated failure (drill)', simulated: true }],
    });
    const verbose = report((await request(readyz, '/readyz?verbose')).body);
    expect(
      (verbose.checks as { name: string; simulated?: boolean }[]).map((c) => [c.name, c.simulated]),
    ).toEqual([
      ['Redis', true],
      ['Postgres', undefined],
    ]);
    const healthJson = JSON.parse(
      (await request(readyz, '/readyz', { headers: { accept: 'application/health+json' } })).body,
    );
    expect(healthJson.notes).toContain('simulated: Redis (a drill, not an outage)');
    expect(healthJson.checks['Redis:responseTime'][0].simulated).toBe(true);
    health.endSimulation('Redis');
    expect(await gauge('Redis')).toBe(0);
    const info = (await registry.getSingleMetric('aether_readyz_build_info')?.get())?.values;
    expect(info).toEqual([
      { value: 1, labels: { service: 'orders-api', version: '1.4.0', git_sha: '3c0d43ec39b5bdf1' } },
    ]);
    await health.close();
  });
});

describe('the drill admin route', () => {
  const local = { remoteAddress: '127.0.0.1' };
  const auth = { authorization: `Bearer ${TOKEN}` };
  const make = (allowRemote = false) => {
    const health = healthWith([{ name: 'Redis', check: pass }]);
    return { health, readyz: createReadyz(health, { admin: { token: TOKEN, allowRemote } }) };
  };
  const send = (
    readyz: ReturnType<typeof createReadyz>,
    method: string,
    path: string,
    extra: { headers?: Record<string, string>; remoteAddress?: string } = {},
  ) => readyz.handle({ method, path, ...extra });

  it('is off by default: the path is an unknown probe, and POST is refused', async () => {
    const readyz = createReadyz(healthWith([{ name: 'Redis', check: pass }]));
    expect(readyz.routes.some((r) => r.kind === 'admin')).toBe(false);
    expect(
      (
        await send(readyz, 'POST', '/readyz/admin/drills/Redis?mode=fail&forMs=1000', {
          headers: auth,
          ...local,
        })
      ).status,
    ).toBe(405);
    expect(
      (await send(readyz, 'GET', '/readyz/admin/drills/Redis', { headers: auth, ...local })).status,
    ).toBe(404);
  });

  it('refuses a remote or unknown peer (403) before the token, and a missing or wrong token (401)', async () => {
    const { readyz, health } = make();
    const path = '/readyz/admin/drills/Redis?mode=fail&forMs=1000';
    expect((await send(readyz, 'POST', path, { headers: auth, remoteAddress: '10.0.0.7' })).status).toBe(403);
    expect((await send(readyz, 'POST', path, { headers: auth })).status).toBe(403);
    const missing = await send(readyz, 'POST', path, local);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="rollgate-admin"');
    expect(
      (await send(readyz, 'POST', path, { headers: { authorization: `Bearer ${TOKEN}x` }, ...local })).status,
    ).toBe(401);
    expect((await send(readyz, 'POST', path, { headers: { authorization: TOKEN }, ...local })).status).toBe(
      401,
    );
    expect(health.drills()).toEqual([]);
    const remote = make(true);
    expect(
      (await send(remote.readyz, 'POST', path, { headers: auth, remoteAddress: '10.0.0.7' })).status,
    ).toBe(200);
  });

  it('starts, describes and ends a drill; refuses bad parameters, unknown probes and other methods', async () => {
    const { readyz, health } = make();
    const opts = { headers: auth, remoteAddress: '::ffff:127.0.0.1' };
    const started = await send(
      readyz,
      'POST',
      '/readyz/admin/drills/Redis?mode=latency&latencyMs=20&forMs=60000',
      opts,
    );
    expect(started.status).toBe(200);
    expect(JSON.parse(started.body)).toMatchObject({
      status: 'ok',
      drill: { probe: 'Redis', mode: 'latency', latencyMs: 20, forMs: 60_000 },
    });
    expect(JSON.parse((await send(readyz, 'GET', '/readyz/admin/drills/Redis', opts)).body).drill.mode).toBe(
      'latency',
    );
    for (const query of [
      'mode=boom&forMs=1000',
      'mode=fail',
      'mode=fail&forMs=99999999',
      'mode=fail&forMs=1e3',
    ]) {
      const bad = await send(readyz, 'POST', `/readyz/admin/drills/Redis?${query}`, opts);
      expect([query, bad.status, JSON.parse(bad.body).code]).toEqual([
        query,
        400,
        'ROLLGATE_ERR_READYZ_BAD_DRILL',
      ]);
    }
    expect((await send(readyz, 'POST', '/readyz/admin/drills/Mongo?mode=fail&forMs=1000', opts)).status).toBe(
      404,
    );
    const put = await send(readyz, 'PUT', '/readyz/admin/drills/Redis', opts);
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, HEAD, POST, DELETE']);
    expect(JSON.parse((await send(readyz, 'DELETE', '/readyz/admin/drills/Redis', opts)).body)).toEqual({
      status: 'ok',
      ended: true,
    });
    expect(JSON.parse((await send(readyz, 'DELETE', '/readyz/admin/drills/Redis', opts)).body).ended).toBe(
      false,
    );
    expect(health.drills()).toEqual([]);
    await health.close();
    expect((await send(readyz, 'POST', '/readyz/admin/drills/Redis?mode=fail&forMs=1000', opts)).status).toBe(
      503,
    );
  });
});

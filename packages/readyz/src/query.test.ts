import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { counted, failWith, healthWith, json, pass } from './test-kit.js';

function setup() {
  const db = counted(pass);
  const redis = counted(failWith('PING timeout after 300ms'));
  const search = counted(failWith('HTTP 502'));
  const health = healthWith([
    { name: 'Postgres', check: db.check },
    { name: 'Redis', check: redis.check },
    { name: 'search', check: search.check, critical: false },
    { name: 'loop', groups: ['liveness'], check: pass },
  ]);
  return { readyz: createReadyz(health), db, redis, search };
}

describe('?verbose', () => {
  for (const query of ['verbose', 'verbose=', 'verbose=1', 'verbose=false']) {
    it(`?${query} adds every check with status, duration and error`, async () => {
      const { readyz } = setup();
      const res = await readyz.handle({ method: 'GET', path: `/readyz?${query}` });
      expect(res.status).toBe(503);
      const body = json(res);
      expect(body).toMatchObject({
        status: 'fail',
        dependency: 'Redis',
        service: 'orders-api',
        group: 'readiness',
      });
      const checks = body.checks as Record<string, unknown>[];
      expect(checks.map((c) => [c.name, c.status, c.critical])).toEqual([
        ['Postgres', 'ok', true],
        ['Redis', 'fail', true],
        ['search', 'fail', false],
      ]);
      for (const check of checks) expect(typeof check.duration_ms).toBe('number');
      expect(checks[1]?.error).toBe('PING timeout after 300ms');
      expect(checks[0]?.error).toBeUndefined();
    });
  }

  it('a healthy verbose answer lists the checks next to status ok', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const body = json(await readyz.handle({ method: 'GET', path: '/livez', query: 'verbose' }));
    expect(body.status).toBe('ok');
    expect(body.checks).toEqual([]);
    const ready = json(await readyz.handle({ method: 'GET', path: '/readyz', query: { verbose: '' } }));
    expect((ready.checks as { name: string }[]).map((c) => c.name)).toEqual(['db']);
  });

  it('without verbose there is no checks list', async () => {
    const { readyz } = setup();
    expect(json(await readyz.handle({ method: 'GET', path: '/readyz' })).checks).toBeUndefined();
  });
});

describe('?exclude', () => {
  it('skips the named probes: they do not run and cannot fail the answer', async () => {
    const { readyz, redis, db } = setup();
    const res = await readyz.handle({ method: 'GET', path: '/readyz?exclude=Redis' });
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({
      status: 'degraded',
      failures: [{ name: 'search', critical: false, error: 'HTTP 502' }],
    });
    expect(redis.calls).toBe(0);
    expect(db.calls).toBe(1);
  });

  it('is repeatable and takes comma lists, in every query form', async () => {
    const forms = [
      { path: '/readyz?exclude=Redis&exclude=search' },
      { path: '/readyz?exclude=Redis,search' },
      { path: '/readyz?exclude=Redis%2C%20search' },
      { path: '/readyz', query: 'exclude=Redis&exclude=search' },
      { path: '/readyz', query: '?exclude=Redis,search' },
      {
        path: '/readyz',
        query: new URLSearchParams([
          ['exclude', 'Redis'],
          ['exclude', 'search'],
        ]),
      },
      { path: '/readyz', query: { exclude: ['Redis', 'search'] } },
      { path: '/readyz', query: { exclude: 'Redis,search' } },
    ];
    for (const form of forms) {
      const { readyz, redis, search } = setup();
      const res = await readyz.handle({ method: 'GET', ...form });
      expect(res.status, JSON.stringify(form)).toBe(200);
      expect(res.body).toBe('{"status":"ok"}');
      expect(redis.calls + search.calls).toBe(0);
    }
  });

  it('a parsed query wins over a query string left in the path', async () => {
    const { readyz } = setup();
    const res = await readyz.handle({
      method: 'GET',
      path: '/readyz?exclude=Postgres',
      query: { exclude: ['Redis', 'search'] },
    });
    expect(res.body).toBe('{"status":"ok"}');
  });

  it('reports names that match no probe of the group in unknown_excluded, as Kubernetes does', async () => {
    const { readyz } = setup();
    const res = await readyz.handle({
      method: 'GET',
      path: '/readyz?exclude=Redis,search,Mongo&exclude=loop',
    });
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', unknown_excluded: ['Mongo', 'loop'] });
  });

  it('verbose and exclude combine', async () => {
    const { readyz } = setup();
    const body = json(await readyz.handle({ method: 'GET', path: '/readyz?verbose&exclude=Redis' }));
    expect((body.checks as { name: string }[]).map((c) => c.name)).toEqual(['Postgres', 'search']);
  });

  it('/readyz/<probe> ignores exclude', async () => {
    const { readyz, redis } = setup();
    const res = await readyz.handle({ method: 'GET', path: '/readyz/Redis?exclude=Redis' });
    expect(res.status).toBe(503);
    expect(redis.calls).toBe(1);
  });

  it('an empty exclude is a full check', async () => {
    const { readyz, redis } = setup();
    expect((await readyz.handle({ method: 'GET', path: '/readyz?exclude=&exclude=,' })).status).toBe(503);
    expect(redis.calls).toBe(1);
  });
});

it('unknown parameters are ignored', async () => {
  const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
  const res = await readyz.handle({ method: 'GET', path: '/readyz?timeout=5s&x' });
  expect(res.body).toBe('{"status":"ok"}');
});

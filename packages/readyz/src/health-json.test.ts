import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { failWith, healthWith, json, pass, request } from './test-kit.js';

const ACCEPT = { accept: 'application/health+json' };

describe('Accept: application/health+json answers in the IETF health-check format', () => {
  it('pass: status, version, releaseId, serviceId, description and checks keyed "<name>:responseTime"', async () => {
    const readyz = createReadyz(healthWith([{ name: 'Postgres', check: pass }]), {
      componentTypes: { Postgres: 'datastore' },
    });
    const res = await request(readyz, '/readyz', { headers: ACCEPT });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/health+json');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = json(res);
    expect(body).toMatchObject({
      status: 'pass',
      version: '1.4.0',
      releaseId: '1.4.0',
      serviceId: 'orders-api',
      description: 'orders-api readiness',
    });
    const checks = body.checks as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(checks)).toEqual(['Postgres:responseTime']);
    const [entry] = checks['Postgres:responseTime'] ?? [];
    expect(entry).toMatchObject({
      componentId: 'Postgres',
      componentType: 'datastore',
      observedUnit: 'ms',
      status: 'pass',
    });
    expect(typeof entry?.observedValue).toBe('number');
    expect(Date.parse(String(entry?.time))).not.toBeNaN();
    expect(entry?.output).toBeUndefined();
  });

  it('fail: 503, status fail, output carries the redacted error, each check its own', async () => {
    const health = healthWith([
      { name: 'Redis', check: failWith('PING timeout after 300ms') },
      { name: 'search', check: failWith('HTTP 502'), critical: false },
    ]);
    const res = await request(createReadyz(health), '/readyz', { headers: ACCEPT });
    expect(res.status).toBe(503);
    const body = json(res);
    expect(body).toMatchObject({
      status: 'fail',
      output: 'PING timeout after 300ms',
      notes: ['dependency: Redis'],
    });
    const checks = body.checks as Record<string, Record<string, unknown>[]>;
    expect(checks['Redis:responseTime']?.[0]).toMatchObject({
      status: 'fail',
      componentType: 'component',
      output: 'PING timeout after 300ms',
    });
    expect(checks['search:responseTime']?.[0]).toMatchObject({ status: 'warn', output: 'HTTP 502' });
  });

  it('warn: a degraded answer is 200 with status warn', async () => {
    const health = healthWith([
      { name: 'db', check: pass },
      { name: 'search', check: failWith('HTTP 502'), critical: false },
    ]);
    const res = await request(createReadyz(health), '/readyz', { headers: ACCEPT });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ status: 'warn', output: 'HTTP 502' });
  });

  it('draining is a fail with the reason in notes', async () => {
    const health = healthWith([{ name: 'db', check: pass }]);
    health.beginDrain();
    const res = await request(createReadyz(health), '/health/ready', { headers: ACCEPT });
    expect(res.status).toBe(503);
    expect(json(res)).toMatchObject({ status: 'fail', notes: ['reason: draining'] });
  });

  it('unknown exclude names are noted', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const res = await request(readyz, '/readyz?exclude=nope', { headers: ACCEPT });
    expect(json(res)).toMatchObject({ status: 'pass', notes: ['unknown excluded: nope'] });
  });

  it('a single probe answers in the same format', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const res = await request(readyz, '/readyz/db', { headers: ACCEPT });
    expect(json(res)).toMatchObject({ status: 'pass', description: 'orders-api probe' });
    expect(Object.keys(json(res).checks as object)).toEqual(['db:responseTime']);
  });

  it('negotiation: the higher quality wins, */* and other types stay JSON', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const type = async (accept: string) =>
      (await request(readyz, '/readyz', { headers: { Accept: accept } })).headers['content-type'];
    expect(await type('application/health+json, application/json;q=0.5')).toBe('application/health+json');
    expect(await type('application/json, application/health+json;q=0.5')).toBe(
      'application/json; charset=utf-8',
    );
    expect(await type('application/health+json;q=0')).toBe('application/json; charset=utf-8');
    expect(await type('*/*')).toBe('application/json; charset=utf-8');
    expect(await type('text/html')).toBe('application/json; charset=utf-8');
    expect(await type('APPLICATION/HEALTH+JSON')).toBe('application/health+json');
  });

  it('request errors stay plain JSON', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const res = await request(readyz, '/readyz/nope', { headers: ACCEPT });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('componentType lookups never touch a prototype', () => {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

  it('probes named like Object.prototype members are plain components', async () => {
    const readyz = createReadyz(healthWith(NAMES.map((name) => ({ name, check: pass }))), {
      componentTypes: { Postgres: 'datastore' },
    });
    const checks = json(await request(readyz, '/readyz', { headers: ACCEPT })).checks as Record<
      string,
      Record<string, unknown>[]
    >;
    for (const name of NAMES) {
      expect(checks[`${name}:responseTime`]?.[0]).toMatchObject({
        componentId: name,
        componentType: 'component',
      });
    }
  });

  it('without any componentTypes, and with an own "__proto__" key the host set on purpose', async () => {
    const health = healthWith([
      { name: '__proto__', check: pass },
      { name: 'constructor', check: pass },
    ]);
    const plain = json(await request(createReadyz(health), '/readyz', { headers: ACCEPT })).checks;
    expect(plain).toMatchObject({
      '__proto__:responseTime': [{ componentType: 'component' }],
      'constructor:responseTime': [{ componentType: 'component' }],
    });
    // JSON.parse makes "__proto__" an own key, as a host loading componentTypes from a file would get it.
    const own = JSON.parse('{"__proto__":"datastore"}') as Record<string, string>;
    const typed = json(
      await request(createReadyz(health, { componentTypes: own }), '/readyz', { headers: ACCEPT }),
    ).checks;
    expect(typed).toMatchObject({
      '__proto__:responseTime': [{ componentType: 'datastore' }],
      'constructor:responseTime': [{ componentType: 'component' }],
    });
  });
});

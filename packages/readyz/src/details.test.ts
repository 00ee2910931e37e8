import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { failWith, healthWith, json, pass, request } from './test-kit.js';
import type { ReadyzRequest } from './types.js';

const probes = () =>
  healthWith([
    { name: 'db', check: pass },
    { name: 'Redis', check: failWith('PING timeout after 300ms') },
    { name: 'search', check: failWith('HTTP 502'), critical: false },
  ]);

describe("details: 'never'", () => {
  it('names the failing dependency but withholds error text and checks, even with ?verbose', async () => {
    const readyz = createReadyz(probes(), { details: 'never' });
    for (const path of ['/readyz', '/readyz?verbose']) {
      const res = await request(readyz, path);
      expect(res.status).toBe(503);
      const body = json(res);
      expect(body.status).toBe('fail');
      expect(body.dependency).toBe('Redis');
      expect(body.error).toBeUndefined();
      expect(body.checks).toBeUndefined();
      expect(body.failures).toEqual([
        { name: 'Redis', critical: true },
        { name: 'search', critical: false },
      ]);
      expect(res.body).not.toContain('PING');
      expect(res.body).not.toContain('502');
    }
  });

  it('single-probe and health+json answers withhold the same', async () => {
    const readyz = createReadyz(probes(), { details: 'never' });
    const one = await request(readyz, '/readyz/Redis');
    expect(json(one)).toEqual({
      status: 'fail',
      dependency: 'Redis',
      failures: [{ name: 'Redis', critical: true }],
    });
    const ietf = await request(readyz, '/readyz', { headers: { accept: 'application/health+json' } });
    const body = json(ietf);
    expect(body.status).toBe('fail');
    expect(body.notes).toEqual(['dependency: Redis']);
    expect(body.output).toBeUndefined();
    expect(body.checks).toBeUndefined();
  });

  it('healthy answers are unchanged', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), { details: 'never' });
    expect((await request(readyz, '/readyz')).body).toBe('{"status":"ok"}');
  });
});

describe('details: (request) => boolean', () => {
  it('decides per request, and sees the request as handed in', async () => {
    const seen: ReadyzRequest[] = [];
    const readyz = createReadyz(probes(), {
      details: (req) => {
        seen.push(req);
        const headers = req.headers as Record<string, string> | undefined;
        return headers?.['x-internal'] === 'yes';
      },
    });
    const inside = json(await request(readyz, '/readyz?verbose', { headers: { 'x-internal': 'yes' } }));
    expect(inside.error).toBe('PING timeout after 300ms');
    expect(Array.isArray(inside.checks)).toBe(true);
    const outside = json(await request(readyz, '/readyz?verbose', { headers: { 'x-internal': 'no' } }));
    expect(outside.error).toBeUndefined();
    expect(outside.checks).toBeUndefined();
    expect(outside.dependency).toBe('Redis');
    expect(seen.map((r) => r.path)).toEqual(['/readyz?verbose', '/readyz?verbose']);
  });

  it('a predicate that throws withholds details instead of failing the answer', async () => {
    const readyz = createReadyz(probes(), {
      details: () => {
        throw new Error('no');
      },
    });
    const res = await request(readyz, '/readyz');
    expect(res.status).toBe(503);
    expect(json(res)).toMatchObject({ status: 'fail', dependency: 'Redis' });
    expect(json(res).error).toBeUndefined();
  });

  it('a predicate returning something other than true withholds', async () => {
    const readyz = createReadyz(probes(), { details: (() => 'yes') as unknown as () => boolean });
    expect(json(await request(readyz, '/readyz')).error).toBeUndefined();
  });
});

it("details defaults to 'always'", async () => {
  const res = await request(createReadyz(probes()), '/readyz');
  expect(json(res).error).toBe('PING timeout after 300ms');
});

import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { counted, failWith, healthWith, pass } from './test-kit.js';

describe('fetch(): web-standard Request in, Response out', () => {
  it('answers GET with the same status, headers and body as handle()', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const res = await readyz.fetch(new Request('http://pod.local:8080/readyz'));
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('{"status":"ok"}');
  });

  it('reads the query and the headers from the Request', async () => {
    const redis = counted(failWith('PING timeout after 300ms'));
    const readyz = createReadyz(
      healthWith([
        { name: 'db', check: pass },
        { name: 'Redis', check: redis.check },
      ]),
    );
    const excluded = await readyz.fetch(new Request('http://x/readyz?exclude=Redis&verbose'));
    expect(excluded.status).toBe(200);
    expect((await excluded.json()) as unknown).toMatchObject({ status: 'ok', checks: [{ name: 'db' }] });
    expect(redis.calls).toBe(0);
    const ietf = await readyz.fetch(
      new Request('http://x/readyz', { headers: { accept: 'application/health+json' } }),
    );
    expect(ietf.status).toBe(503);
    expect(ietf.headers.get('content-type')).toBe('application/health+json');
    expect(((await ietf.json()) as { status: string }).status).toBe('fail');
  });

  it('HEAD has no body; POST is 405 with Allow; an unknown probe is 404', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    const head = await readyz.fetch(new Request('http://x/livez', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(await head.text()).toBe('');
    const post = await readyz.fetch(new Request('http://x/readyz', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const unknown = await readyz.fetch(new Request('http://x/readyz/nope'));
    expect(unknown.status).toBe(404);
  });

  it('the URL parser has already normalised dot segments and escaped control characters', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    expect((await readyz.fetch(new Request('http://x/a/../readyz'))).status).toBe(200);
    expect((await readyz.fetch(new Request('http://x/readyz/%0A'))).status).toBe(400);
  });
});

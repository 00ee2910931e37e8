import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { counted, failWith, healthWith, json, pass, request } from './test-kit.js';

describe('methods', () => {
  it('HEAD answers like GET, with the same status and headers and no body', async () => {
    const readyz = createReadyz(
      healthWith([
        { name: 'db', check: pass },
        { name: 'Redis', check: failWith('PING timeout after 300ms') },
      ]),
    );
    for (const path of [
      '/readyz',
      '/livez',
      '/readyz/db',
      '/readyz/Redis',
      '/readyz/nope',
      '/health/startup',
    ]) {
      const get = await request(readyz, path);
      const head = await request(readyz, path, { method: 'HEAD' });
      expect(head.status, path).toBe(get.status);
      expect(head.body, path).toBe('');
      expect(head.headers, path).toEqual(get.headers);
      expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(get.body));
    }
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', '']) {
    it(`${method || '(empty)'}: 405 with Allow: GET, HEAD and no probe run`, async () => {
      const db = counted(pass);
      const readyz = createReadyz(healthWith([{ name: 'db', check: db.check }]));
      for (const path of ['/readyz', '/livez', '/readyz/db', '/health']) {
        const res = await request(readyz, path, { method });
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(json(res)).toEqual({
          status: 'error',
          code: 'ROLLGATE_ERR_READYZ_METHOD_NOT_ALLOWED',
          error: 'method not allowed',
        });
      }
      expect(db.calls).toBe(0);
    });
  }

  it('method names are matched without regard to case', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    expect((await request(readyz, '/readyz', { method: 'get' })).status).toBe(200);
    expect((await request(readyz, '/readyz', { method: 'head' })).body).toBe('');
  });
});

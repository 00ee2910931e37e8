import { createHealth, type Health } from '@rollgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { rollgateFetch } from '../fetch.js';

const healths: Health[] = [];

afterEach(async () => {
  await Promise.all(healths.splice(0).map((health) => health.close()));
});

function health(): Health {
  const created = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    probeTimeoutMs: 300,
    cacheTtlMs: 0,
  });
  created.register({ name: 'Redis', check: () => 'PONG' });
  healths.push(created);
  return created;
}

describe('the fetch handler', () => {
  it('answers web Requests with web Responses and says which paths are its own', async () => {
    const readyz = rollgateFetch({ health: health(), prefix: '/ops' });
    expect(readyz.matches(new Request('http://svc/ops/readyz?verbose'))).toBe(true);
    expect(readyz.matches(new Request('http://svc/orders'))).toBe(false);
    const ok = await readyz(new Request('http://svc/ops/readyz'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    const head = await readyz(new Request('http://svc/ops/readyz', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await readyz(new Request('http://svc/orders'))).status).toBe(404);
  });
});

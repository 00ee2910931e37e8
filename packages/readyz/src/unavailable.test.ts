import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { unavailableResponse } from './response.js';
import { healthWith, pass, request } from './test-kit.js';

describe('the answer when readyz could not answer', () => {
  it('is 503 JSON with every header an ordinary answer carries, nosniff included', async () => {
    const ordinary = await request(createReadyz(healthWith([{ name: 'db', check: pass }])), '/readyz');
    const unavailable = unavailableResponse();
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.body)).toEqual({ status: 'fail', error: 'readyz could not answer' });
    expect(Object.keys(unavailable.headers).sort()).toEqual(Object.keys(ordinary.headers).sort());
    expect(unavailable.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-length': String(Buffer.byteLength(unavailable.body)),
    });
  });

  it('has no body for HEAD, and keeps the GET length', () => {
    const head = unavailableResponse(true);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(unavailableResponse().headers['content-length']);
  });

  it('is what handle() answers when the engine breaks in a way no step expected', async () => {
    const health = healthWith([{ name: 'db', check: pass }]);
    const readyz = createReadyz(health);
    // An engine that breaks its contract (a report that is not one) fails rendering, past every step's
    // own error handling.
    health.check = async () => null as never;
    expect(await request(readyz, '/readyz')).toEqual(unavailableResponse());
  });
});

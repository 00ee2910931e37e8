// The adapters' last resort: should readyz's handle() ever reject, the answer is readyz's own 503, with
// every header a readyz answer carries (nosniff included), never a host's HTML error page.
import { createHealth } from '@rollgate/core';
import { createReadyz, type Readyz, unavailableResponse } from '@rollgate/readyz';
import { describe, expect, it } from 'vitest';
import { ask } from './readyz.js';

function rejecting(): Readyz {
  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
  return {
    ...createReadyz(health),
    handle: () => Promise.reject(new Error('router defect')),
  };
}

describe("the adapters' fallback answer", () => {
  it("is readyz's 503 JSON with every header readyz sends, nosniff included", async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
    const ordinary = await createReadyz(health).handle({ method: 'GET', path: '/readyz' });
    const answer = await ask(rejecting(), { method: 'GET', path: '/readyz' });
    expect(answer).toEqual(unavailableResponse());
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ status: 'fail', error: 'readyz could not answer' });
    expect(Object.keys(answer.headers).sort()).toEqual(Object.keys(ordinary.headers).sort());
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-store');
    await health.close();
  });

  it('has no body for HEAD', async () => {
    const answer = await ask(rejecting(), { method: 'HEAD', path: '/readyz' });
    expect(answer.status).toBe(503);
    expect(answer.body).toBe('');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

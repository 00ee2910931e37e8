// A replica whose event loop stalls leaves readiness (503 naming EventLoop) while liveness and the ordinary route
// stay 200, and comes back by the heartbeat's thresholds: over real sockets on the Fastify, Express and node:http
// adapters, with a real busy loop blocking the thread.
import { createHealth, eventLoopDelayProbe, type Health } from '@rollgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../packages/adapters/tests/apps/index.js';
import { http } from '../support/index.js';

const ADAPTERS = ['fastify', 'express5', 'node'] as const;
let health: Health;
const apps = new Map<string, TestApp>();

function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // the stall itself: no request, timer or probe runs meanwhile
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(url: string, status: number, timeoutMs = 15_000) {
  const started = Date.now();
  for (;;) {
    const answer = await http(url);
    if (answer.status === status || Date.now() - started > timeoutMs) return answer;
    await sleep(50);
  }
}

beforeAll(async () => {
  health = createHealth({
    service: 'orders-api',
    version: '1.4.0',
    heartbeat: { intervalMs: 100, failureThreshold: 2, successThreshold: 2, graceMs: 0 },
  });
  health.register(eventLoopDelayProbe({ maxDelayMs: 250, windowMs: 1000 }));
  health.markStarted();
  for (const adapter of ADAPTERS) apps.set(adapter, await startApp(adapter, { health }));
});

afterAll(async () => {
  for (const app of apps.values()) await app.close();
  await health.close();
});

describe('event-loop delay probe over HTTP', () => {
  it('503 naming EventLoop while /livez and /work stay 200, then back to 200', async () => {
    for (const app of apps.values()) expect((await until(`${app.url}/readyz`, 200)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      blockFor(600);
      await sleep(120);
    }
    // The three adapters read the same health: ask them together, while the stall is still in the window.
    await Promise.all(
      [...apps].map(async ([adapter, app]) => {
        const failing = await until(`${app.url}/readyz`, 503);
        expect(failing.status, adapter).toBe(503);
        expect(failing.json()).toMatchObject({ status: 'fail', dependency: 'EventLoop' });
        expect((failing.json() as { error: string }).error).toMatch(/^event loop delay p99 \d+ms/);
        expect((await http(`${app.url}/livez`)).status, adapter).toBe(200);
        expect((await http(`${app.url}/work`)).status, adapter).toBe(200);
      }),
    );
    for (const [adapter, app] of apps)
      expect((await until(`${app.url}/readyz`, 200)).status, adapter).toBe(200);
  });
});

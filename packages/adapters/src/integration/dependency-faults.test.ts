// Fault injection on real dependencies, observed over real HTTP through real Fastify and Express
// apps: redis-server and PostgreSQL stopped, paused (SIGSTOP: a hung dependency) and made read-only.
// Every answer is asserted for its status, its JSON and how long it took.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { type Dependencies, PROBE_TIMEOUT_MS, startDependencies } from '../../tests/apps/dependencies.js';
import { startApp, type TestApp } from '../../tests/apps/index.js';

/** A failing answer arrives by the probe timeout plus this much (scheduling, HTTP, a busy CI core). */
const MARGIN_MS = 200;

let deps: Dependencies;
const apps: { name: string; app: TestApp }[] = [];

beforeAll(async () => {
  deps = await startDependencies();
  for (const name of ['fastify', 'express5'] as const)
    apps.push({ name, app: await startApp(name, { health: deps.health }) });
});

afterAll(async () => {
  await Promise.all(apps.map(({ app }) => app.close()));
  await deps?.close();
});

/** Every app answers /readyz 503 naming `dependency`, within the budget, and /work is untouched. */
async function expectFailing(dependency: string, error: RegExp, atLeastMs = 0): Promise<void> {
  for (const { name, app } of apps) {
    const answer = await http(`${app.url}/readyz`);
    expect({ app: name, status: answer.status, body: answer.json() }).toMatchObject({
      app: name,
      status: 503,
      body: { status: 'fail', dependency, error: expect.stringMatching(error) },
    });
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(atLeastMs);
    expect(answer.elapsedMs).toBeLessThan(PROBE_TIMEOUT_MS + MARGIN_MS);
    expect((await http(`${app.url}/work`)).status).toBe(200);
  }
}

/** Every app answers /readyz 200 again (dependencies may take a moment to reconnect). */
async function expectRecovered(): Promise<void> {
  for (const { app } of apps) {
    await expect
      .poll(async () => (await http(`${app.url}/readyz`)).status, { timeout: 5_000, interval: 50 })
      .toBe(200);
  }
}

describe('readiness through real Fastify and Express apps on real Redis and PostgreSQL', () => {
  it('is 200 {"status":"ok"} while everything is up', async () => {
    for (const { app } of apps) expect((await http(`${app.url}/readyz`)).json()).toEqual({ status: 'ok' });
  });

  it('turns 503 naming Redis when redis-server stops, and 200 once it is back', async () => {
    await deps.redis.stop();
    await expectFailing('Redis', /^Redis client not connected \((connecting|reconnecting)\)$/);
    await deps.redis.start();
    await expectRecovered();
  });

  it('turns 503 at the probe timeout, not later, while redis-server is paused (SIGSTOP), and 200 after SIGCONT', async () => {
    deps.redis.pause();
    try {
      await expectFailing('Redis', /^PING timeout after 300ms$/, PROBE_TIMEOUT_MS - 10);
    } finally {
      deps.redis.resume();
    }
    await expectRecovered();
  });

  it('turns 503 naming Postgres when PostgreSQL stops, and 200 once it is back', async () => {
    await deps.postgres.stop();
    await expectFailing('Postgres', /ECONNREFUSED|terminat/);
    await deps.postgres.start();
    await expectRecovered();
  });

  it('turns 503 at the probe timeout while PostgreSQL is paused (SIGSTOP), and 200 after SIGCONT', async () => {
    deps.postgres.pause();
    try {
      await expectFailing('Postgres', /timeout after 300ms$/, PROBE_TIMEOUT_MS - 10);
    } finally {
      deps.postgres.resume();
    }
    await expectRecovered();
  });

  it('turns 503 naming Postgres when the write sentinel loses its INSERT permission', async () => {
    await deps.postgres.sql('REVOKE INSERT ON rollgate_sentinel FROM app');
    try {
      await expectFailing('Postgres', /^write sentinel: permission denied for table rollgate_sentinel$/);
    } finally {
      await deps.postgres.sql('GRANT INSERT ON rollgate_sentinel TO app');
    }
    await expectRecovered();
  });

  it('turns 503 naming Postgres when the database goes read-only (default_transaction_read_only)', async () => {
    const reconnect = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'app'";
    await deps.postgres.sql('ALTER ROLE app SET default_transaction_read_only = on');
    await deps.postgres.sql(reconnect); // sessions pick the setting up when they start
    try {
      await expect
        .poll(async () => (await http(`${apps[0]!.app.url}/readyz`)).json(), { timeout: 3_000, interval: 50 })
        .toMatchObject({ dependency: 'Postgres', error: expect.stringMatching(/read-only transaction/) });
      await expectFailing('Postgres', /^write sentinel: cannot execute INSERT in a read-only transaction$/);
    } finally {
      await deps.postgres.sql('ALTER ROLE app RESET default_transaction_read_only');
      await deps.postgres.sql(reconnect);
    }
    await expectRecovered();
  });
});

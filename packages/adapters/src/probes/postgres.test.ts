import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from '../../../../tests/support/index.js';
import { postgresProbe } from './postgres.js';
import { type CancellableBackend, sendCancelRequest } from './postgres-cancel.js';
import { postgresSentinelTableSql } from './postgres-sql.js';
import { checkThroughHealth } from './test-kit.js';

const run = async (probe: ReturnType<typeof postgresProbe>, signal = new AbortController().signal) =>
  probe.check(signal);

let server: PostgresServer;
const pools: pg.Pool[] = [];
const clients: pg.Client[] = [];

function pool(user = 'postgres', max = 2): pg.Pool {
  const created = new pg.Pool({ connectionString: server.url(user), max });
  created.on('error', () => {}); // idle clients die when the server stops; the probe reports it
  pools.push(created);
  return created;
}

async function client(user = 'postgres'): Promise<pg.Client> {
  const created = new pg.Client({ connectionString: server.url(user) });
  created.on('error', () => {});
  await created.connect();
  clients.push(created);
  return created;
}

/** A session holding an exclusive lock on the sentinel table until it rolls back: the write sentinel waits on it. */
async function holdSentinelLock(): Promise<pg.Client> {
  await server.sql(postgresSentinelTableSql());
  const holder = await client();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE rollgate_sentinel IN ACCESS EXCLUSIVE MODE');
  return holder;
}

beforeAll(async () => {
  server = await startPostgres();
  await server.sql(`
    CREATE ROLE readonly_role LOGIN;
    ALTER ROLE readonly_role SET default_transaction_read_only = on;
    CREATE ROLE no_insert_role LOGIN;
  `);
});

afterEach(async () => {
  server.resume();
  await server.start();
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
  await Promise.all(pools.splice(0).map((p) => p.end().catch(() => {})));
  await server.sql('DROP TABLE IF EXISTS rollgate_sentinel');
});

afterAll(() => server?.close());

describe('postgresProbe read sentinel against a real PostgreSQL', () => {
  it('passes with a Pool and with a Client, and returns the client to the pool', async () => {
    const p = pool();
    await expect(run(postgresProbe(p))).resolves.toBe('SELECT 1');
    expect(p.totalCount).toBe(1);
    expect(p.idleCount).toBe(1);
    await expect(run(postgresProbe(await client()))).resolves.toBe('SELECT 1');
  });

  it('fails with the connection error while the server is stopped, and passes once it is back', async () => {
    const probe = postgresProbe(pool(), { timeoutMs: 1_000 });
    await server.stop();
    await expect(run(probe)).rejects.toThrow(/ECONNREFUSED/);
    await server.start();
    await expect(run(probe)).resolves.toBe('SELECT 1');
  });

  it('times out at its timeout on a paused server without pinning the only pool connection', async () => {
    const p = pool('postgres', 1);
    const probe = postgresProbe(p, { timeoutMs: 300 });
    await run(probe); // the pool now holds one open connection
    server.pause();
    const paused = await checkThroughHealth(probe);
    expect(paused).toMatchObject({ status: 'fail', error: 'SELECT 1 timeout after 300ms', warnings: [] });
    expect(paused.elapsedMs).toBeLessThan(300 + 200);
    // The stuck connection was released with an error: the pool destroyed it instead of keeping it checked out.
    expect(p.totalCount).toBe(0);
    server.resume();
    await expect(p.query('SELECT 2 AS two')).resolves.toMatchObject({ rows: [{ two: 2 }] });
    await expect(run(probe)).resolves.toBe('SELECT 1');
  });

  it('times out as SELECT 1 when even a new connection hangs, and a late connection goes back to the pool', async () => {
    const p = pool('postgres', 1);
    const probe = postgresProbe(p, { timeoutMs: 300 });
    server.pause();
    expect(await checkThroughHealth(probe)).toMatchObject({
      status: 'fail',
      error: 'SELECT 1 timeout after 300ms',
      warnings: [],
    });
    server.resume();
    await expect.poll(() => p.idleCount, { timeout: 5_000 }).toBe(1);
    await expect(run(probe)).resolves.toBe('SELECT 1');
  });

  it('stops at once when the engine aborts its signal', async () => {
    const p = pool('postgres', 1);
    await run(postgresProbe(p));
    server.pause();
    const controller = new AbortController();
    const pending = run(postgresProbe(p), controller.signal);
    setTimeout(() => controller.abort(new Error('health closed')), 50);
    await expect(pending).rejects.toThrow('SELECT 1 aborted: health closed');
    expect(p.totalCount).toBe(0);
  });
});

describe('postgresProbe write sentinel against a real PostgreSQL', () => {
  it('writes and reads back a row and leaves nothing behind, not even the table it created', async () => {
    await expect(run(postgresProbe(pool(), { write: true }))).resolves.toBe('write sentinel');
    expect(await server.sql("SELECT to_regclass('rollgate_sentinel') IS NULL")).toBe('t');
  });

  it('uses an existing sentinel table (created by a migration) and leaves it empty', async () => {
    await server.sql(postgresSentinelTableSql());
    await server.sql('GRANT SELECT, INSERT ON rollgate_sentinel TO no_insert_role');
    // A role without CREATE on the schema (PostgreSQL 15's default) still passes with the table in place.
    await expect(run(postgresProbe(pool('no_insert_role'), { write: true }))).resolves.toBe('write sentinel');
    expect(await server.sql('SELECT count(*) FROM rollgate_sentinel')).toBe('0');
  });

  it('fails on a read-only server, naming the write sentinel, while the read sentinel passes', async () => {
    const p = pool('readonly_role');
    await expect(run(postgresProbe(p))).resolves.toBe('SELECT 1');
    await expect(run(postgresProbe(p, { write: true }))).rejects.toThrow(
      'write sentinel: cannot execute CREATE TABLE in a read-only transaction',
    );
    await server.sql(postgresSentinelTableSql());
    await expect(run(postgresProbe(p, { write: true }))).rejects.toThrow(
      'write sentinel: cannot execute INSERT in a read-only transaction',
    );
    // The transaction was rolled back, so the connection went back to the pool in a clean state.
    expect(p.idleCount).toBe(p.totalCount);
    await expect(p.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it('fails when the role may not insert into the sentinel table', async () => {
    await server.sql(postgresSentinelTableSql());
    await server.sql(
      'REVOKE ALL ON rollgate_sentinel FROM no_insert_role; GRANT SELECT ON rollgate_sentinel TO no_insert_role',
    );
    await expect(run(postgresProbe(pool('no_insert_role'), { write: true }))).rejects.toThrow(
      'write sentinel: permission denied for table rollgate_sentinel',
    );
  });

  it('cancels its query on the server when it times out waiting on a lock', async () => {
    const holder = await holdSentinelLock();
    const p = pool();
    expect(await checkThroughHealth(postgresProbe(p, { write: true, timeoutMs: 300 }))).toMatchObject({
      status: 'fail',
      error: 'write sentinel timeout after 300ms',
      warnings: [],
    });
    // No backend is left waiting for the lock on the probe's behalf.
    await expect
      .poll(
        () =>
          server.sql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%rollgate_sentinel%'",
          ),
        { timeout: 2_000, interval: 50 },
      )
      .toBe('0');
    expect(p.totalCount).toBe(0);
    await holder.query('ROLLBACK');
  });

  it('fails, discards the connection and crashes nothing when the server drops the connection it holds', async () => {
    // node-postgres emits 'error' on a checked-out client whose connection the server ends; the pool
    // does not listen while the client is out, so the probe must, or the host process dies (the chaos
    // test's PostgreSQL restarts found this). Terminating the backend while it waits on a lock makes
    // that moment certain.
    const holder = await holdSentinelLock();
    const p = pool();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const result = run(postgresProbe(p, { write: true, timeoutMs: 5_000 }));
      const waiting =
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%rollgate_sentinel%'";
      await expect.poll(() => server.sql(waiting), { timeout: 5_000, interval: 20 }).toBe('1');
      await server.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%rollgate_sentinel%'",
      );
      await expect(result).rejects.toThrow(/^write sentinel: terminating connection/);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the 'end' event follows the FATAL message
      expect(uncaught).toEqual([]);
      expect(p.totalCount).toBe(0);
    } finally {
      process.off('uncaughtException', onUncaught);
      await holder.query('ROLLBACK');
    }
  });

  it("refuses a plain Client, whose transaction could capture the host's own queries", async () => {
    expect(() => postgresProbe(new pg.Client(), { write: true })).toThrow(
      expect.objectContaining({
        code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION',
        message: expect.stringMatching(/needs a Pool/),
      }),
    );
  });
});

describe('postgresProbe options', () => {
  it('is named Postgres by default and refuses a bad table name or target with a coded error', () => {
    const p = { connect: async () => ({}) as never, totalCount: 0 };
    expect(postgresProbe(p)).toEqual({
      name: 'Postgres',
      operation: 'SELECT 1',
      check: expect.any(Function),
    });
    expect(postgresProbe(p, { write: true, timeoutMs: 1_500 })).toEqual({
      name: 'Postgres',
      operation: 'write sentinel',
      check: expect.any(Function),
      timeoutMs: 1_500,
    });
    expect(postgresProbe(p, { name: 'orders-db' }).name).toBe('orders-db');
    expect(() => postgresProbe(p, { table: 'x; DROP TABLE users' })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
    );
    expect(() => postgresProbe(null as never)).toThrow(/expected a node-postgres Pool or Client/);
  });
});

describe('the cancel request the probe sends on timeout', () => {
  it('stops a statement the server is still running', async () => {
    const busy = await client();
    const sleeping = busy.query('SELECT pg_sleep(10)');
    await expect
      .poll(() => server.sql("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)'"))
      .toBe('1');
    expect(sendCancelRequest(busy as unknown as CancellableBackend)).toBe(true);
    await expect(sleeping).rejects.toThrow('canceling statement due to user request');
  });

  it('is skipped when the client does not expose its backend key', () => {
    expect(sendCancelRequest({ host: '127.0.0.1', port: server.port })).toBe(false);
  });
});

import type { ProbeRegistration } from '@rollgate/core';
import { errorMessage, PROBE_TIMEOUT_CAP_MS } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { checkProbeOptions } from './options.js';
import { type CancellableBackend, sendCancelRequest } from './postgres-cancel.js';
import {
  DEFAULT_SENTINEL_TABLE,
  quoteTable,
  type SentinelStatement,
  writeSentinelStatements,
} from './postgres-sql.js';
import { buildRegistration } from './registration.js';
import { COMMON_PROBE_OPTIONS, type CommonProbeOptions } from './types.js';

/** A query result as node-postgres returns it. */
export interface PostgresQueryResult {
  /** Result rows. */
  rows: unknown[];
}

/** A connected client: node-postgres' `Client` and a checked-out `PoolClient` fit. */
export interface PostgresQueryable {
  /** Runs one statement. */
  query(text: string, values?: unknown[]): Promise<PostgresQueryResult>;
}

/** A client checked out of a pool (node-postgres' `PoolClient`). */
export interface PostgresPoolClient extends PostgresQueryable, CancellableBackend {
  /** Returns the client to its pool; with an error, the pool destroys the connection instead. */
  release(error?: Error | boolean): void;
  /** Listens for the connection dying while checked out (node-postgres' clients are EventEmitters). */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes a listener added with `on`. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A connection pool (node-postgres' `Pool`). */
export interface PostgresPool {
  /** Checks a client out. */
  connect(): Promise<PostgresPoolClient>;
  /** Clients the pool holds (what tells a pool from a client at run time). */
  readonly totalCount: number;
}

/** Options of `postgresProbe()`. */
export interface PostgresProbeOptions extends CommonProbeOptions {
  /** Display name (default `Postgres`). */
  name?: string;
  /**
   * Run the write sentinel instead of `SELECT 1`: insert a row into `table` and read it back inside
   * a transaction that is always rolled back (default false).
   */
  write?: boolean;
  /** Sentinel table, `name` or `schema.name` (default `rollgate_sentinel`); see `postgresSentinelTableSql()`. */
  table?: string;
}

const POSTGRES_PROBE_OPTION_KEYS = Object.keys({
  ...COMMON_PROBE_OPTIONS,
  write: true,
  table: true,
} satisfies Record<keyof PostgresProbeOptions, true>);

function isPool(target: PostgresPool | PostgresQueryable): target is PostgresPool {
  const candidate = target as Partial<PostgresPool>;
  return typeof candidate.connect === 'function' && typeof candidate.totalCount === 'number';
}

/**
 * A readiness probe for PostgreSQL through the host's node-postgres `Pool` (recommended) or a
 * dedicated `Client`. The read sentinel runs `SELECT 1`; with `write: true` the write sentinel writes
 * and reads back a row in a transaction that is rolled back, so a read-only replica, a full disk or a
 * revoked INSERT fails readiness while `SELECT 1` would pass.
 *
 * Its operation is `SELECT 1` or `write sentinel`, so a timeout reads `SELECT 1 timeout after <n>ms`
 * (checking a client out of the pool counts towards it). On timeout or abort with a Pool, the probe sends PostgreSQL's cancel request for its backend and
 * releases the client with an error, which makes the pool destroy that connection: a stuck database
 * never pins a pool connection. A plain Client only runs the read sentinel and is never cancelled
 * (it may be running the host's own queries); the write sentinel needs a Pool.
 */
export function postgresProbe(
  target: PostgresPool | PostgresQueryable,
  options: PostgresProbeOptions = {},
): ProbeRegistration {
  checkProbeOptions('postgresProbe', options, POSTGRES_PROBE_OPTION_KEYS);
  const candidate = target as Partial<PostgresQueryable & PostgresPool> | null | undefined;
  if (typeof candidate?.query !== 'function' && typeof candidate?.connect !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'postgresProbe',
      'poolOrClient',
      'expected a node-postgres Pool or Client',
    );
  }
  if (options.write !== undefined && typeof options.write !== 'boolean')
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'postgresProbe',
      'write',
      'expected true or false',
    );
  const write = options.write === true;
  const table = quoteTable(options.table ?? DEFAULT_SENTINEL_TABLE);
  const pool = isPool(target) ? target : undefined;
  if (write && !pool) {
    // On a Client the host also uses, the sentinel's BEGIN…ROLLBACK could capture the host's own
    // statements and roll them back. A checked-out pool client is ours alone.
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'postgresProbe',
      'write',
      'the write sentinel needs a Pool (a Client may be running your own queries); pass new Pool({ max: 1 }) for a dedicated connection',
    );
  }

  const operation = write ? 'write sentinel' : 'SELECT 1';
  return buildRegistration('postgresProbe', 'Postgres', operation, options, async (signal, timeoutMs) => {
    if (!pool) return (await readSentinel(target as PostgresQueryable)).value;
    const client = await pool.connect();
    const run = write
      ? (checkedOut: PostgresQueryable) =>
          writeSentinel(checkedOut, table, timeoutMs ?? PROBE_TIMEOUT_CAP_MS, signal)
      : readSentinel;
    return withCheckedOut(client, signal, run);
  });
}

/** What a sentinel learned, and whether the connection is clean enough to go back to the pool. */
interface SentinelOutcome {
  readonly value: unknown;
  readonly clean: true;
}

class SentinelError extends Error {
  constructor(
    message: string,
    /** True when the connection is still usable (the transaction was rolled back). */
    readonly clean: boolean,
  ) {
    super(message);
    this.name = 'SentinelError';
  }
}

/**
 * Runs a sentinel on a checked-out client. If the signal aborts first (the engine's timeout, or the
 * health closing), cancel the backend's query and release the client with an error, so the pool
 * destroys it rather than reuse a connection with a query still in flight. A client that arrives
 * after the abort goes straight back to the pool.
 */
async function withCheckedOut(
  client: PostgresPoolClient,
  signal: AbortSignal,
  run: (client: PostgresQueryable) => Promise<SentinelOutcome>,
): Promise<unknown> {
  if (signal.aborted) {
    client.release();
    throw signal.reason;
  }
  const onAbort = () => {
    sendCancelRequest(client);
    client.release(signal.reason instanceof Error ? signal.reason : new Error('probe aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  // The pool stops listening to a client's 'error' while it is checked out, and node-postgres emits one
  // whenever the server drops the connection (a restart, pg_terminate_backend), even with a query in
  // flight that also fails: without a listener of ours, that event would crash the host process.
  let dropped = false;
  const onConnectionError = () => {
    dropped = true;
  };
  client.on?.('error', onConnectionError);
  let clean = false;
  try {
    const outcome = await run(client);
    clean = outcome.clean;
    return outcome.value;
  } catch (error) {
    clean = error instanceof SentinelError && error.clean;
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!signal.aborted)
      client.release(
        clean && !dropped ? undefined : new Error('postgres probe failed; connection discarded'),
      );
    // After release: the pool has put its own listener back by now, so no moment is left without one.
    client.removeListener?.('error', onConnectionError);
  }
}

async function readSentinel(client: PostgresQueryable): Promise<SentinelOutcome> {
  const result = await client.query('SELECT 1 AS ok');
  const row = result?.rows?.[0] as { ok?: unknown } | undefined;
  if (row?.ok !== 1) throw new SentinelError('SELECT 1 returned an unexpected result', true);
  return { value: 'SELECT 1', clean: true };
}

/**
 * BEGIN, the sentinel statements, then ROLLBACK whatever happened. Runs only on a checked-out pool
 * client, which nobody else uses meanwhile. Stops between statements once the signal has aborted
 * (the client is being destroyed by then).
 */
async function writeSentinel(
  client: PostgresQueryable,
  table: string,
  serverTimeoutMs: number,
  signal: AbortSignal,
): Promise<SentinelOutcome> {
  // Web Crypto's global: importing node:crypto would cost every service's cold start for the write sentinel alone.
  const rowId = `rollgate-${globalThis.crypto.randomUUID()}`;
  try {
    await client.query('BEGIN');
  } catch (error) {
    throw new SentinelError(`write sentinel: ${errorMessage(error)}`, false);
  }
  let failure: unknown;
  let rows: unknown[] = [];
  try {
    for (const statement of writeSentinelStatements(table, rowId, serverTimeoutMs)) {
      if (signal.aborted) throw signal.reason;
      rows = (await send(client, statement)).rows;
    }
  } catch (error) {
    failure = error;
  }
  if (signal.aborted) throw signal.reason;
  let rolledBack = false;
  try {
    await client.query('ROLLBACK');
    rolledBack = true;
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) throw new SentinelError(`write sentinel: ${errorMessage(failure)}`, rolledBack);
  if (rows.length !== 1 || (rows[0] as { id?: unknown }).id !== rowId) {
    throw new SentinelError('write sentinel: the row written was not read back', rolledBack);
  }
  return { value: 'write sentinel', clean: true };
}

function send(client: PostgresQueryable, statement: SentinelStatement): Promise<PostgresQueryResult> {
  try {
    return statement.values
      ? client.query(statement.text, [...statement.values])
      : client.query(statement.text);
  } catch (error) {
    return Promise.reject(error);
  }
}

// The SQL the Postgres probe sends. Pure: identifiers are validated, never interpolated raw.

import { describeValue } from '@rollgate/core';
import { adapterError } from '../errors.js';

/** Default sentinel table of the write sentinel. */
export const DEFAULT_SENTINEL_TABLE = 'rollgate_sentinel';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Validates `table` (`name` or `schema.name`, letters, digits and `_`) and returns it double-quoted. */
export function quoteTable(table: unknown): string {
  const parts = typeof table === 'string' ? table.split('.') : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'postgresProbe',
      'table',
      `expected "name" or "schema.name" of letters, digits and _, got ${describeValue(table)}`,
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** DDL of the sentinel table, for a migration (then the probe never creates it, even transiently). */
export function postgresSentinelTableSql(table: string = DEFAULT_SENTINEL_TABLE): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteTable(table)} (id text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())`;
}

/** One statement of the write sentinel: text and parameters. */
export interface SentinelStatement {
  /** SQL text. */
  readonly text: string;
  /** Bind parameters. */
  readonly values?: readonly unknown[];
}

/**
 * The statements of the write sentinel, run between BEGIN and an unconditional ROLLBACK: set
 * server-side timeouts (so the transaction cannot hold a lock or a backend for long even if the
 * client vanishes), create the sentinel table if it does not exist (rolled back too, so nothing is
 * ever left behind), insert a row and read it back (the last statement). A read-only server or a
 * role without INSERT fails the INSERT.
 */
export function writeSentinelStatements(
  quotedTable: string,
  rowId: string,
  serverTimeoutMs: number,
): SentinelStatement[] {
  const ms = String(Math.max(1, Math.ceil(serverTimeoutMs)));
  // to_regclass takes the name as text: the quoted identifier goes inside a string literal.
  // Identifiers are [A-Za-z0-9_] only, so neither quote nor dollar sign can appear in them.
  const create =
    `DO $rollgate$ BEGIN IF to_regclass('${quotedTable}') IS NULL THEN ` +
    `CREATE TABLE ${quotedTable} (id text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now()); ` +
    'END IF; END $rollgate$';
  return [
    {
      text: `SELECT set_config('statement_timeout', '${ms}', true), set_config('lock_timeout', '${ms}', true)`,
    },
    { text: create },
    { text: `INSERT INTO ${quotedTable} (id) VALUES ($1)`, values: [rowId] },
    { text: `SELECT id FROM ${quotedTable} WHERE id = $1`, values: [rowId] },
  ];
}

// Who may use the drill admin route: `options.admin` checked once, the peer's address (loopback unless
// `allowRemote`), and the bearer token compared in constant time. Framework-free: no node:crypto, so the
// router still runs on edge runtimes.
import { rejectUnknownOptions } from '@rollgate/core';
import { readyzError } from './errors.js';
import type { ReadyzAdminOptions, ReadyzHeaders } from './types.js';

/** `options.admin`, checked. */
export interface ResolvedAdmin {
  /** The token's UTF-8 bytes. */
  readonly token: Uint8Array;
  /** Accept non-loopback peers. */
  readonly allowRemote: boolean;
}

/** Shortest token accepted: a guessable token on a route that fails readiness would be a denial-of-service switch. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

const ADMIN_KEYS = Object.keys({ token: true, allowRemote: true } satisfies Record<
  keyof ReadyzAdminOptions,
  true
>);
const encoder = new TextEncoder();

/** Checks `options.admin`; throws `ROLLGATE_ERR_READYZ_INVALID_OPTION` or `ROLLGATE_ERR_UNKNOWN_OPTION`. */
export function resolveAdmin(option: ReadyzAdminOptions | undefined): ResolvedAdmin | undefined {
  if (option === undefined) return undefined;
  if (typeof option !== 'object' || option === null || Array.isArray(option))
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'admin must be { token, allowRemote? }');
  rejectUnknownOptions(option, ADMIN_KEYS, 'createReadyz admin');
  const { token, allowRemote = false } = option;
  if (typeof token !== 'string' || token.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      `admin.token must be a string of at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces`,
    );
  }
  if (typeof allowRemote !== 'boolean')
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'admin.allowRemote must be true or false');
  return Object.freeze({ token: encoder.encode(token), allowRemote });
}

/** True for a loopback peer: 127.0.0.0/8, ::1, and IPv4-mapped loopback (`::ffff:127.0.0.1`). */
export function isLoopback(address: string | undefined): boolean {
  if (typeof address !== 'string') return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** True when the request carries `Authorization: Bearer <token>` with exactly the configured token. */
export function bearerMatches(headers: ReadyzHeaders | undefined, admin: ResolvedAdmin): boolean {
  const value = authorization(headers);
  if (value === undefined) return false;
  const match = /^Bearer +(\S+) *$/i.exec(value);
  if (match === null) return false;
  return constantTimeEqual(encoder.encode(match[1]), admin.token);
}

/**
 * Compares in time that depends only on the expected token's length: every byte is visited whatever the first
 * difference, and a length mismatch is folded into the same accumulator.
 */
export function constantTimeEqual(given: Uint8Array, expected: Uint8Array): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

function authorization(headers: ReadyzHeaders | undefined): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof Headers === 'function' && headers instanceof Headers)
    return headers.get('authorization') ?? undefined;
  const record = headers as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(record)) {
    if (name.toLowerCase() !== 'authorization') continue;
    const value = record[name];
    // Two Authorization headers are ambiguous: refuse rather than pick one.
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

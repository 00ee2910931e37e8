import type { ProbeRegistration } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { checkProbeOptions } from './options.js';
import { buildRegistration } from './registration.js';
import { COMMON_PROBE_OPTIONS, type CommonProbeOptions } from './types.js';

/**
 * The part of a Redis client the probe uses. ioredis (`new Redis()`) and node-redis v4+
 * (`createClient()`, connected) both fit; the SDK never imports either.
 */
export interface RedisPingable {
  /** Sends PING; resolves with the reply (`'PONG'`). */
  ping(): Promise<unknown>;
  /** ioredis' connection state (`ready`, `reconnecting`, …), read when present. */
  readonly status?: string;
  /** node-redis' "connected and ready", read when present. */
  readonly isReady?: boolean;
}

/** Options of `redisProbe()`. */
export interface RedisProbeOptions extends CommonProbeOptions {
  /** Display name (default `Redis`). */
  name?: string;
}

const REDIS_PROBE_OPTION_KEYS = Object.keys(
  COMMON_PROBE_OPTIONS satisfies Record<keyof RedisProbeOptions, true>,
);

// ioredis states in which a PING is sent at once: connected, or lazy and not yet asked to connect (the PING
// connects it). In the others it waits in the client's offline queue.
const SENDS_NOW = new Set(['ready', 'wait']);
// States only reached after a connection failed or was lost.
const LOST = new Set(['reconnecting', 'close', 'end']);

/** The client's state when a PING would not be sent at once: ioredis' status, or node-redis' "not ready". */
function waitingState(client: RedisPingable): string | undefined {
  if (typeof client.status === 'string') return SENDS_NOW.has(client.status) ? undefined : client.status;
  return client.isReady === false ? 'not ready' : undefined;
}

/**
 * A readiness probe that sends PING through the host's Redis client and expects `PONG`. A hung
 * server fails it with `PING timeout after <n>ms` (its operation is `PING`); a refused connection
 * fails it with the client's error. Once the client has been connected, a client that is not (ioredis `status`
 * connecting, reconnecting, close or end; node-redis `isReady` false) fails it at once with
 * `Redis client not connected (<state>)` and no PING is sent: queued in the client's offline queue, every timed-out
 * run would leave one PING behind, and the whole queue would reach the server in one burst when it comes back.
 * Before its first connection, a PING waits for it up to the timeout (a service booting).
 */
export function redisProbe(client: RedisPingable, options: RedisProbeOptions = {}): ProbeRegistration {
  checkProbeOptions('redisProbe', options, REDIS_PROBE_OPTION_KEYS);
  if (typeof client?.ping !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'redisProbe',
      'client',
      'expected a Redis client with ping()',
    );
  }
  // Until the client has been seen connected, a PING may wait for its first connection (a service booting);
  // from then on, a client that is not connected fails the probe at once.
  let seenConnected = false;
  return buildRegistration('redisProbe', 'Redis', 'PING', options, async () => {
    const state = waitingState(client);
    if (state === undefined) seenConnected = true;
    else if (seenConnected || LOST.has(state)) throw new Error(`Redis client not connected (${state})`);
    const reply = await client.ping();
    const text = reply instanceof Uint8Array ? Buffer.from(reply).toString() : reply;
    if (text !== 'PONG') throw new Error(`PING answered ${JSON.stringify(text)} instead of PONG`);
    return 'PONG';
  });
}

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
}

/** Options of `redisProbe()`. */
export interface RedisProbeOptions extends CommonProbeOptions {
  /** Display name (default `Redis`). */
  name?: string;
}

const REDIS_PROBE_OPTION_KEYS = Object.keys(
  COMMON_PROBE_OPTIONS satisfies Record<keyof RedisProbeOptions, true>,
);

/**
 * A readiness probe that sends PING through the host's Redis client and expects `PONG`. A hung
 * server fails it with `PING timeout after <n>ms` (its operation is `PING`); a refused connection
 * fails it with the client's error. The client's own offline queue decides whether a disconnected client
 * fails at once (ioredis `enableOfflineQueue: false`, node-redis `disableOfflineQueue: true`) or at
 * the timeout.
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
  return buildRegistration('redisProbe', 'Redis', 'PING', options, async () => {
    const reply = await client.ping();
    const text = reply instanceof Uint8Array ? Buffer.from(reply).toString() : reply;
    if (text !== 'PONG') throw new Error(`PING answered ${JSON.stringify(text)} instead of PONG`);
    return 'PONG';
  });
}

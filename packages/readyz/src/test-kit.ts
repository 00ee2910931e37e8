// Shared by this package's tests only (not exported, not bundled): a real engine with counted
// probes, and request helpers.
import {
  createHealth,
  type Health,
  type HealthOptions,
  type ProbeCheck,
  type ProbeRegistration,
} from '@rollgate/core';
import type { Readyz, ReadyzHeaders, ReadyzResponse } from './types.js';

/** A probe check that counts its real runs. */
export interface CountedCheck {
  check: ProbeCheck;
  readonly calls: number;
}

/** Wraps a check so its real runs can be counted. */
export function counted(check: ProbeCheck): CountedCheck {
  let calls = 0;
  return {
    check: (signal) => {
      calls += 1;
      return check(signal);
    },
    get calls() {
      return calls;
    },
  };
}

/** A passing check. */
export const pass: ProbeCheck = () => true;

/** A check that fails with `message`. */
export const failWith =
  (message: string): ProbeCheck =>
  () => {
    throw new Error(message);
  };

/** A real engine (cache off unless asked) with `probes` registered. */
export function healthWith(
  probes: readonly ProbeRegistration[],
  options: Partial<HealthOptions> = {},
): Health {
  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0, ...options });
  for (const probe of probes) health.register(probe);
  return health;
}

/** GET (or another method) through `handle()`. */
export function request(
  readyz: Readyz,
  path: string,
  init: { method?: string; headers?: ReadyzHeaders } = {},
): Promise<ReadyzResponse> {
  return readyz.handle({
    method: init.method ?? 'GET',
    path,
    ...(init.headers ? { headers: init.headers } : {}),
  });
}

/** Parses a JSON body. */
export function json(response: ReadyzResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

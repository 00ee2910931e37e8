// What every framework adapter shares: build the readyz router from `{ health, ...options }`, ask it,
// and write its answer. Routing, status codes and bodies are readyz's; adapters only translate.
import type { Health } from '@rollgate/core';
import {
  createReadyz,
  type Readyz,
  type ReadyzOptions,
  type ReadyzRequest,
  type ReadyzResponse,
} from '@rollgate/readyz';
import { adapterError } from '../errors.js';

/** Options every adapter takes: the health to answer for, plus any `createReadyz()` option. */
export interface RollgateAdapterOptions extends ReadyzOptions {
  /** The probe engine from `createHealth()`. */
  health: Health;
}

/** Builds the router; throws a coded error when `health` is missing and readyz's own for bad options. */
export function readyzFor(adapter: string, options: RollgateAdapterOptions): Readyz {
  if (typeof options !== 'object' || options === null || typeof options.health?.check !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_ADAPTER_OPTION',
      adapter,
      'health',
      'pass { health } from createHealth()',
    );
  }
  const { health, ...readyzOptions } = options;
  return createReadyz(health, readyzOptions);
}

const UNAVAILABLE: ReadyzResponse = (() => {
  const body = JSON.stringify({ status: 'fail', error: 'readyz could not answer' });
  return {
    status: 503,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
})();

/**
 * Asks readyz. `handle()` never rejects by contract; should that ever break, the answer is still JSON
 * (a host's HTML error page must never stand in for a health answer).
 */
export async function ask(readyz: Readyz, request: ReadyzRequest): Promise<ReadyzResponse> {
  try {
    return await readyz.handle(request);
  } catch {
    return {
      ...UNAVAILABLE,
      headers: { ...UNAVAILABLE.headers },
      body: request.method === 'HEAD' ? '' : UNAVAILABLE.body,
    };
  }
}

import { createRequire } from 'node:module';
import type { PromClientLike } from './prom-types.js';

// prom-client is an optional peer costing ~20 ms to import, so it is required only when the host
// configures metrics without passing the module itself. It is CommonJS, so a synchronous require
// made from this file's URL works from both builds (tsup rewrites import.meta.url in the CJS one).

/** Loads prom-client from where @rollgate/readyz is installed; undefined when it is not installed. */
export function loadPromClient(): PromClientLike | undefined {
  try {
    const client = createRequire(import.meta.url)('prom-client') as Partial<PromClientLike> | undefined;
    return typeof client?.Gauge === 'function' && typeof client.Histogram === 'function'
      ? (client as PromClientLike)
      : undefined;
  } catch {
    return undefined;
  }
}

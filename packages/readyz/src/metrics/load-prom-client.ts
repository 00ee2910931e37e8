import { createRequire } from 'node:module';
import type { PromClientLike } from './prom-types.js';

// prom-client is an optional peer costing ~20 ms to import, so it is required only when the host
// configures metrics without passing the module itself. It is CommonJS, so a synchronous require
// works from both builds: the CJS build has `require`, the ESM build makes one from its own URL.
declare const require: ((id: string) => unknown) | undefined;

/** Loads prom-client from where @rollgate/readyz is installed; undefined when it is not installed. */
export function loadPromClient(): PromClientLike | undefined {
  try {
    const load = typeof require === 'function' ? require : createRequire(import.meta.url);
    const client = load('prom-client') as Partial<PromClientLike> | undefined;
    return typeof client?.Gauge === 'function' && typeof client.Histogram === 'function'
      ? (client as PromClientLike)
      : undefined;
  } catch {
    return undefined;
  }
}

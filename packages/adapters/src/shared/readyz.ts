// What every framework adapter shares: build the readyz router from `{ health, ...options }`, ask it,
// and write its answer. Routing, status codes, bodies and headers are readyz's; adapters only translate.
import { type Health, rejectUnknownOptions } from '@rollgate/core';
import {
  createReadyz,
  READYZ_OPTION_KEYS,
  type Readyz,
  type ReadyzOptions,
  type ReadyzRequest,
  type ReadyzResponse,
  unavailableResponse,
} from '@rollgate/readyz';

/** Options every adapter takes: the health to answer for, plus any `createReadyz()` option. */
export interface RollgateAdapterOptions extends ReadyzOptions {
  /** The probe engine from `createHealth()`. */
  health: Health;
}

/** Every key an adapter accepts: readyz's own, and `health`. */
export const ADAPTER_OPTION_KEYS = [
  ...READYZ_OPTION_KEYS,
  'health',
] as const satisfies readonly (keyof RollgateAdapterOptions)[];

/**
 * Builds the router. An unknown key is refused in the adapter's name (`rollgateExpress: unknown option
 * "detail"; did you mean "details"?`); everything else, a missing `health` included, is createReadyz's
 * to check, so each mistake has readyz's one code.
 */
export function readyzFor(
  adapter: string,
  options: RollgateAdapterOptions,
  known: readonly string[] = ADAPTER_OPTION_KEYS,
): Readyz {
  rejectUnknownOptions(options, known, adapter);
  const given: Partial<RollgateAdapterOptions> =
    typeof options === 'object' && options !== null ? options : {};
  const { health, ...readyzOptions } = given;
  return createReadyz(health as Health, readyzOptions);
}

/**
 * The peer's address for readyz's admin route, read only when `options.admin` is set: the socket's address, never
 * a forwarded header (a client could write any address there).
 */
export function peerReader(
  options: RollgateAdapterOptions,
): ((socket: { remoteAddress?: string | undefined } | undefined | null) => string | undefined) | undefined {
  const admin = typeof options === 'object' && options !== null ? options.admin : undefined;
  return admin === undefined ? undefined : (socket) => socket?.remoteAddress ?? undefined;
}

/**
 * Asks readyz. `handle()` never rejects by contract; should that ever break, the answer is still readyz's
 * own 503 JSON with all its headers (a host's HTML error page must never stand in for a health answer).
 */
export async function ask(readyz: Readyz, request: ReadyzRequest): Promise<ReadyzResponse> {
  try {
    return await readyz.handle(request);
  } catch {
    return unavailableResponse(request.method === 'HEAD');
  }
}

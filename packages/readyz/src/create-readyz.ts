import { type Health, rejectUnknownOptions } from '@rollgate/core';
import { createAdminHandler } from './admin.js';
import { resolveAdmin } from './admin-access.js';
import { readyzError } from './errors.js';
import { answerFetch } from './fetch.js';
import { createHandler } from './handler.js';
import { resolveLimits } from './limits.js';
import { createReadyzMetrics } from './metrics/readyz-metrics.js';
import { resolveRoutes } from './routes.js';
import { resolveStatusWords } from './status-words.js';
import type { Readyz, ReadyzOptions } from './types.js';

/** Every key `createReadyz()` accepts; any other is refused with the nearest of these. */
export const READYZ_OPTION_KEYS = Object.keys({
  prefix: true,
  paths: true,
  details: true,
  metrics: true,
  limits: true,
  componentTypes: true,
  statusWords: true,
  admin: true,
} satisfies Record<keyof ReadyzOptions, true>) as readonly (keyof ReadyzOptions)[];

function assertHealth(health: Health): void {
  const fits =
    typeof health === 'object' &&
    health !== null &&
    typeof health.check === 'function' &&
    typeof health.checkProbe === 'function' &&
    typeof health.probeNames === 'function' &&
    typeof health.snapshot === 'function' &&
    typeof health.redact === 'function';
  if (!fits) throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'pass the Health from createHealth()');
}

// A misspelled key (`detail` for `details`) would silently serve the defaults, error text included.
function assertOptions(options: unknown): asserts options is ReadyzOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'options must be an object');
  rejectUnknownOptions(options, READYZ_OPTION_KEYS, 'createReadyz');
}

function assertDetails(details: unknown): asserts details is ReadyzOptions['details'] {
  if (details === undefined || details === 'always' || details === 'never' || typeof details === 'function')
    return;
  throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', `details must be 'always', 'never' or a function`);
}

/**
 * Creates the framework-free readyz router over a probe engine. Throws a coded `RollgateError` for a
 * configuration it cannot serve (`ROLLGATE_ERR_UNKNOWN_OPTION` for a key it does not know, here or in a
 * nested option); after that, answering never throws.
 *
 * @example
 * const readyz = createReadyz(health, { metrics: { registry, prefix: 'aether_' }, details: 'always' });
 * const { status, headers, body } = await readyz.handle({ method: 'GET', path: '/readyz?verbose' });
 */
export function createReadyz(health: Health, options: ReadyzOptions = {}): Readyz {
  assertHealth(health);
  assertOptions(options);
  assertDetails(options.details);
  const admin = resolveAdmin(options.admin);
  const words = resolveStatusWords(options.statusWords);
  const build = health.build;
  const table = resolveRoutes(options.prefix, options.paths, {
    version: build !== undefined,
    admin: admin !== undefined,
  });
  const limits = resolveLimits(options.limits);
  const metrics = options.metrics ? createReadyzMetrics(health, options.metrics) : undefined;
  if (!metrics && table.routes.some((r) => r.kind === 'metrics')) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_METRICS_REQUIRED',
      'set options.metrics or leave paths.metrics off',
    );
  }
  const { handle, answerNow } = createHandler({
    health,
    table,
    limits,
    details: options.details ?? 'always',
    metrics,
    componentTypes: options.componentTypes,
    now: Date.now,
    words,
    admin: admin === undefined ? undefined : createAdminHandler(health, admin, limits),
    // Build metadata never changes after createHealth: its body is written once.
    versionBody: build === undefined ? undefined : JSON.stringify(build),
  });
  return {
    handle,
    answerNow,
    fetch: (request) => answerFetch(handle, request),
    routes: table.routes,
    matches(path) {
      if (typeof path !== 'string') return false;
      const q = path.indexOf('?');
      return table.match(q === -1 ? path : path.slice(0, q)) !== undefined;
    },
  };
}

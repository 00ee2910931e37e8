import type { Health } from '@rollgate/core';
import { ReadyzError } from './errors.js';
import { answerFetch } from './fetch.js';
import { createHandler } from './handler.js';
import { resolveLimits } from './limits.js';
import { createReadyzMetrics } from './metrics/readyz-metrics.js';
import { resolveRoutes } from './routes.js';
import type { Readyz, ReadyzOptions } from './types.js';

function assertHealth(health: Health): void {
  const fits =
    typeof health === 'object' &&
    health !== null &&
    typeof health.check === 'function' &&
    typeof health.checkProbe === 'function' &&
    typeof health.probeNames === 'function' &&
    typeof health.snapshot === 'function' &&
    typeof health.redact === 'function';
  if (!fits)
    throw new ReadyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'pass the Health from createHealth()');
}

function assertDetails(details: unknown): asserts details is ReadyzOptions['details'] {
  if (details === undefined || details === 'always' || details === 'never' || typeof details === 'function')
    return;
  throw new ReadyzError(
    'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    `details must be 'always', 'never' or a function`,
  );
}

/**
 * Creates the framework-free readyz router over a probe engine. Throws a coded ReadyzError for a
 * configuration it cannot serve; after that, answering never throws.
 *
 * @example
 * const readyz = createReadyz(health, { metrics: { registry, prefix: 'aether_' }, details: 'always' });
 * const { status, headers, body } = await readyz.handle({ method: 'GET', path: '/readyz?verbose' });
 */
export function createReadyz(health: Health, options: ReadyzOptions = {}): Readyz {
  assertHealth(health);
  assertDetails(options.details);
  const table = resolveRoutes(options.prefix, options.paths);
  const limits = resolveLimits(options.limits);
  const metrics = options.metrics ? createReadyzMetrics(health, options.metrics) : undefined;
  if (!metrics && table.routes.some((r) => r.kind === 'metrics')) {
    throw new ReadyzError(
      'ROLLGATE_ERR_READYZ_METRICS_REQUIRED',
      'set options.metrics or leave paths.metrics off',
    );
  }
  const handle = createHandler({
    health,
    table,
    limits,
    details: options.details ?? 'always',
    metrics,
    componentTypes: options.componentTypes,
    now: Date.now,
  });
  return {
    handle,
    fetch: (request) => answerFetch(handle, request),
    routes: table.routes,
    matches(path) {
      if (typeof path !== 'string') return false;
      const q = path.indexOf('?');
      return table.match(q === -1 ? path : path.slice(0, q)) !== undefined;
    },
  };
}

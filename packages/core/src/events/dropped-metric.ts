// `rollgate_events_dropped_total{sink,reason}` on the host's registry. prom-client is an optional peer, loaded
// only when metrics are asked for (as @rollgate/readyz does), and seen through structural types.
import { createRequire } from 'node:module';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import type { DropReason, EmitterMetricsOptions, EventsMetricsRegistry, EventsPromClient } from './types.js';

/** Counts one drop. */
export type DropCounter = (sink: string, reason: DropReason) => void;

interface CounterLike {
  inc(labels: Record<string, string>, value?: number): void;
}
type CounterConstructor = new (config: {
  name: string;
  help: string;
  labelNames: readonly string[];
  registers: EventsMetricsRegistry[];
}) => CounterLike;

const METRICS_OPTION_KEYS = Object.keys({
  registry: true,
  prefix: true,
  client: true,
} satisfies Record<keyof EmitterMetricsOptions, true>);

const PREFIX_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

// One counter per (registry, prefix): several emitters on one registry share the series.
const countersByRegistry = new WeakMap<object, Map<string, CounterLike>>();

/** The dropped-events counter on the host's registry; throws a coded RollgateError on misuse. */
export function createDropCounter(options: EmitterMetricsOptions): DropCounter {
  if (typeof options !== 'object' || options === null) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'metrics', 'expected { registry, prefix?, client? }');
  }
  rejectUnknownOptions(options, METRICS_OPTION_KEYS, 'createEmitter metrics');
  const { registry } = options;
  if (typeof registry?.getSingleMetric !== 'function') {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'metrics.registry', 'expected a prom-client Registry');
  }
  const prefix = options.prefix ?? '';
  if (prefix !== '' && !PREFIX_RE.test(prefix)) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'metrics.prefix',
      `"${prefix}" is not a metric name prefix`,
    );
  }
  let byPrefix = countersByRegistry.get(registry);
  if (!byPrefix) {
    byPrefix = new Map();
    countersByRegistry.set(registry, byPrefix);
  }
  let counter = byPrefix.get(prefix);
  if (!counter) {
    const name = `${prefix}rollgate_events_dropped_total`;
    if (registry.getSingleMetric(name) !== undefined) {
      throw rollgateError('ROLLGATE_ERR_EVENTS_METRIC_CONFLICT', name);
    }
    const client = options.client ?? loadPromClient();
    if (!client) throw rollgateError('ROLLGATE_ERR_EVENTS_PROM_CLIENT_MISSING');
    const Counter = client.Counter as unknown as CounterConstructor;
    counter = new Counter({
      // prom-client appends nothing to a counter named *_total (v15 keeps the name as given).
      name,
      help: 'Telemetry events a sink did not deliver, by sink and reason (each also went to the dead-letter hook).',
      labelNames: ['sink', 'reason'],
      registers: [registry],
    });
    byPrefix.set(prefix, counter);
  }
  const series = counter;
  return (sink, reason) => series.inc({ sink, reason });
}

function loadPromClient(): EventsPromClient | undefined {
  try {
    const client = createRequire(import.meta.url)('prom-client') as Partial<EventsPromClient> | undefined;
    return typeof client?.Counter === 'function' ? (client as EventsPromClient) : undefined;
  } catch {
    return undefined;
  }
}

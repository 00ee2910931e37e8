// Checks `createEmitter()` options once; a setup mistake throws a coded RollgateError.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import type { DeadLetter, EmitterOptions, EventSink } from './types.js';

/** Events waiting per sink when `queueSize` is not given. */
export const DEFAULT_QUEUE_SIZE = 1000;

/** Emitter options, checked, with defaults. */
export interface ResolvedEmitterOptions {
  sinks: readonly EventSink[];
  topic: string | undefined;
  source: string | undefined;
  profile: 'observability' | undefined;
  queueSize: number;
  deadLetter: ((letter: DeadLetter) => unknown) | undefined;
}

const EMITTER_OPTION_KEYS = Object.keys({
  sinks: true,
  topic: true,
  source: true,
  profile: true,
  queueSize: true,
  deadLetter: true,
  metrics: true,
} satisfies Record<keyof EmitterOptions, true>);

// A topic is a path of lowercase segments, as `observability/deploy/rollback`.
const TOPIC = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Validates `createEmitter()` options. */
export function resolveEmitterOptions(options: EmitterOptions): ResolvedEmitterOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', 'expected an object { sinks, topic?, … }');
  }
  rejectUnknownOptions(options, EMITTER_OPTION_KEYS, 'createEmitter');
  const { sinks } = options;
  if (!Array.isArray(sinks) || sinks.length === 0) throw invalid('sinks', 'expected at least one sink');
  const names = new Set<string>();
  sinks.forEach((sink: EventSink, i) => {
    if (typeof sink !== 'object' || sink === null || typeof sink.deliver !== 'function') {
      throw invalid(
        `sinks[${i}]`,
        'expected a sink with deliver(batch, signal), e.g. fileSink() or webhookSink()',
      );
    }
    if (typeof sink.name !== 'string' || sink.name === '')
      throw invalid(`sinks[${i}].name`, 'must not be empty');
    if (names.has(sink.name)) throw invalid(`sinks[${i}].name`, `"${sink.name}" is used by another sink`);
    names.add(sink.name);
    if (sink.acknowledge !== 'delivered' && sink.acknowledge !== 'queued') {
      throw invalid(`sinks[${i}].acknowledge`, "expected 'delivered' or 'queued'");
    }
  });
  const { topic, source, profile, deadLetter } = options;
  if (topic !== undefined && (typeof topic !== 'string' || topic.length > 255 || !TOPIC.test(topic))) {
    throw invalid('topic', 'expected lowercase path segments such as observability/deploy/rollback');
  }
  if (source !== undefined && (typeof source !== 'string' || source === '' || source.length > 1024)) {
    throw invalid('source', 'expected a URI-reference such as urn:rollgate:orders-api');
  }
  if (profile !== undefined && profile !== 'observability')
    throw invalid('profile', "expected 'observability'");
  const queueSize = options.queueSize ?? DEFAULT_QUEUE_SIZE;
  if (!Number.isInteger(queueSize) || queueSize < 1 || queueSize > 1_000_000) {
    throw invalid('queueSize', 'expected an integer from 1 to 1000000');
  }
  if (deadLetter !== undefined && typeof deadLetter !== 'function') {
    throw invalid('deadLetter', 'expected a function (letter) => void');
  }
  return { sinks, topic, source, profile, queueSize, deadLetter };
}

function invalid(key: string, why: string): Error {
  return rollgateError('ROLLGATE_ERR_INVALID_OPTION', key, why);
}

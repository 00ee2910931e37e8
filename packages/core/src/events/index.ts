// '@rollgate/core/events': createEmitter and its sinks. It validates events with the contract (zod), so it is an
// evaluator-side subpath: the engine ('@rollgate/core') never loads it; createHealth takes an emitter structurally.
export { createEmitter } from './create-emitter.js';
export { type EmitAllResult, emitAll } from './emit-all.js';
export { DEFAULT_QUEUE_SIZE } from './options.js';
export { type FileSinkOptions, type FsyncPolicy, fileSink } from './sinks/file-sink.js';
export { type OtelLoggerLike, type OtelSinkOptions, otelEventName, otelSink } from './sinks/otel-sink.js';
export { parseRetryAfter } from './sinks/retry-after.js';
export { type StreamSinkOptions, streamSink, type WritableLike } from './sinks/stream-sink.js';
export {
  CLOUDEVENTS_CONTENT_TYPE,
  type FetchLike,
  type WebhookSinkOptions,
  webhookSink,
} from './sinks/webhook-sink.js';
export {
  type CloseOptions,
  type DeadLetter,
  DROP_REASONS,
  type DropReason,
  type EmitResult,
  type Emitter,
  type EmitterMetricsOptions,
  type EmitterOptions,
  type EventSink,
  type EventsMetricsRegistry,
  type EventsPromClient,
  type QueuedEvent,
  type SinkOutcome,
} from './types.js';

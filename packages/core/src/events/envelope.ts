// The one validation step: an event is read with the contract before any sink sees it, and wrapped once
// in its CloudEvents envelope, so every sink and every retry carries the same id.
import { context } from '@opentelemetry/api';
import { type CloudEvent, parseContract, toCloudEvent } from '@rollgate/contract';
import type { EmitResult, QueuedEvent } from './types.js';

/** What the envelope needs from the emitter's options. */
export interface EnvelopeOptions {
  readonly topic: string | undefined;
  readonly source: string | undefined;
  readonly profile: 'observability' | undefined;
}

/** The queued form of a valid event, or the contract's issues. */
export function toQueuedEvent(
  input: unknown,
  options: EnvelopeOptions,
): { ok: true; value: QueuedEvent } | Extract<EmitResult, { ok: false }> {
  const parsed = parseContract(
    'telemetry-event',
    input,
    options.profile === undefined ? {} : { profile: options.profile },
  );
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  const envelope: CloudEvent & { topic?: string } = toCloudEvent(
    event,
    options.source === undefined ? {} : { source: options.source },
  );
  if (options.topic !== undefined) envelope.topic = options.topic;
  return { ok: true, value: { id: envelope.id, event, cloudEvent: envelope, context: context.active() } };
}

import type { QueuedEvent } from '../types.js';

/** One CloudEvent per line, each ending in `\n` (JSON Lines; JSON.stringify never writes a raw newline). */
export function toJsonLines(batch: readonly QueuedEvent[]): string {
  let text = '';
  for (const queued of batch) text += `${JSON.stringify(queued.cloudEvent)}\n`;
  return text;
}

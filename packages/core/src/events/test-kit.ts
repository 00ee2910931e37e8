// Shared by the emitter's tests: valid events, a recording sink and a real node:http receiver with a script.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEvent, type TelemetryEvent } from '@rollgate/contract';
import type { DeadLetter, EventSink, QueuedEvent } from './types.js';

const T0 = Date.UTC(2025, 9, 2, 12, 0, 0);

/** A valid `health.failed` event; `n` makes each one distinct (and so its CloudEvent id). */
export function healthFailed(n: number, offset = 'Z'): TelemetryEvent {
  return createEvent(
    'health.failed',
    {
      correlation_id: 'rel-2025-10-02',
      environment: 'production',
      version: '1.4.0',
      service: 'orders-api',
      dependency: 'Redis',
      error: `PING timeout after ${300 + n}ms`,
    },
    { now: T0 + n * 1000, offset },
  );
}

/** A sink that records each batch; `deliver` may be replaced to fail or hang. */
export function recordingSink(
  name = 'memory',
  overrides: Partial<EventSink> = {},
): EventSink & { batches: QueuedEvent[][] } {
  const batches: QueuedEvent[][] = [];
  return {
    name,
    acknowledge: 'delivered',
    batchSize: 1,
    batches,
    async deliver(batch) {
      batches.push([...batch]);
    },
    ...overrides,
  };
}

/** Dead letters, collected. */
export function deadLetters(): { letters: DeadLetter[]; hook: (letter: DeadLetter) => void } {
  const letters: DeadLetter[] = [];
  return { letters, hook: (letter) => letters.push(letter) };
}

/** What the receiver answers to one request. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Answer after this long (the client may time out first). */
  delayMs?: number;
}

/** One request the receiver saw. */
export interface Seen {
  id: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
  at: number;
  reply: Reply;
}

/** A real HTTP receiver on 127.0.0.1 that answers per `script(requestIndex, idempotencyKey)`. */
export interface Receiver {
  url: string;
  seen: Seen[];
  /** Ids it accepted with a 2xx, each kept once however often it arrived (the receiver de-duplicates). */
  accepted: Map<string, string>;
  close(): Promise<void>;
}

/** Starts a receiver. */
export async function startReceiver(
  script: (index: number, id: string | undefined) => Reply,
): Promise<Receiver> {
  const seen: Seen[] = [];
  const accepted = new Map<string, string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = header(req, 'idempotency-key');
      const reply = script(seen.length, id);
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        id,
        contentType: header(req, 'content-type'),
        authorization: header(req, 'authorization'),
        body,
        at: Date.now(),
        reply,
      });
      const answer = (): void => {
        if (reply.status >= 200 && reply.status < 300 && id !== undefined && !accepted.has(id)) {
          accepted.set(id, body);
        }
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers ?? {});
        res.end();
      };
      if (reply.delayMs === undefined) answer();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, reply.delayMs);
        timers.add(timer);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    seen,
    accepted,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

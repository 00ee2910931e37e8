// A small service for the real-Prometheus tests: it exports real prom-client counters and histograms for a
// canary and a stable track, and serves simulated traffic on a timer whose error rate and latency the test
// sets. Prometheus scrapes its /metrics like any workload.
import { createServer, type Server } from 'node:http';
import { Counter, Histogram, Registry } from 'prom-client';

/** What one track serves. */
export interface TrafficShape {
  /** Share of requests answered 5xx (0..1). */
  errorRate: number;
  /** Latency of each request, ms. */
  latencyMs: number;
}

/** The running service. */
export interface CanaryApp {
  /** `127.0.0.1:<port>`, the scrape target. */
  readonly target: string;
  /** Changes what a track serves from the next tick on. */
  set(track: 'canary' | 'stable', shape: Partial<TrafficShape>): void;
  /** Stops the traffic and the server. */
  close(): Promise<void>;
}

const TICK_MS = 100;
const REQUESTS_PER_TICK = 20;

/** Starts the service on a free port with both tracks healthy (0 % errors, 40 ms). */
export async function startCanaryApp(labels: { service: string; namespace: string }): Promise<CanaryApp> {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_server_requests_total',
    help: 'Requests served, by track and status code.',
    labelNames: ['service', 'namespace', 'track', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Request latency.',
    labelNames: ['service', 'namespace', 'track'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const shapes: Record<'canary' | 'stable', TrafficShape> = {
    canary: { errorRate: 0, latencyMs: 40 },
    stable: { errorRate: 0, latencyMs: 40 },
  };
  // Errors owed so far: a 3 % rate over 20 requests a tick is 0.6 a tick, paid as whole requests.
  const owed = { canary: 0, stable: 0 };
  const tick = () => {
    for (const track of ['canary', 'stable'] as const) {
      const shape = shapes[track];
      owed[track] += shape.errorRate * REQUESTS_PER_TICK;
      const errors = Math.min(REQUESTS_PER_TICK, Math.floor(owed[track]));
      owed[track] -= errors;
      const common = { ...labels, track };
      requests.inc({ ...common, code: '500' }, errors);
      requests.inc({ ...common, code: '200' }, REQUESTS_PER_TICK - errors);
      for (let i = 0; i < REQUESTS_PER_TICK; i++)
        duration.observe(common, (shape.latencyMs * (0.9 + (0.2 * i) / REQUESTS_PER_TICK)) / 1000);
    }
  };
  tick(); // every series exists from the first scrape
  const timer = setInterval(tick, TICK_MS);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    target: `127.0.0.1:${port}`,
    set: (track, shape) => Object.assign(shapes[track], shape),
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

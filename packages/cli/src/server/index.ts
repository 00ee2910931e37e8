// createAnalysisServer: the HTTP service Argo Rollouts' web metric provider and Flagger's webhooks call during a
// canary, with its own /readyz (Prometheus as a readiness probe), /livez and /metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { httpProbe } from '@rollgate/adapters/probes';
import { createHealth, type Health } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { Registry } from 'prom-client';
import { analysisError } from '../analysis/errors.js';
import { resolvePrometheus } from '../analysis/options.js';
import { prepareAnalysis } from '../analysis/plan.js';
import { createHandler } from './handler.js';
import { createAnalysisMetrics } from './metrics.js';
import { type AnalysisServerOptions, resolveServerOptions } from './options.js';

export { type AnalysisAnswer, analysisAnswer, flaggerStatus } from './answer.js';
export { QUERY_LATENCY_BUCKETS } from './metrics.js';
export {
  ANALYSIS_SERVER_OPTION_KEYS,
  type AnalysisServerLimits,
  type AnalysisServerOptions,
  DEFAULT_SERVER_LIMITS,
} from './options.js';

/** A running (or ready to run) analysis server. */
export interface AnalysisServer {
  /** Starts listening on the configured port and host; resolves with the port bound (useful with port 0). */
  listen(): Promise<{ port: number }>;
  /** Stops accepting, ends open connections and closes the health probes. Safe to call twice. */
  close(): Promise<void>;
  /** The request handler, for mounting in a node:http server of the host's own. Never rejects. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The server's health (Prometheus' readiness probe). */
  readonly health: Health;
  /** The registry `/metrics` exposes. */
  readonly registry: Registry;
}

const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Reads the rules and queries once (throwing `ROLLGATE_ERR_ANALYSIS_INVALID_DOCUMENTS` with their issues when
 * they cannot be used) and builds the server. Requests: `GET|POST /v1/analysis` → `200 { decision, reasons,
 * inputHash, evaluatedAt, … }`; `POST /v1/flagger` → 200 for promote or continue, else 412 with the same body;
 * `GET /v1/analysis/report` → the HTML report; `/readyz`, `/livez`, `/health…` and `/metrics`. A bad request is
 * 400 with `issues`; a full server 429; a slow Prometheus is cut at the request budget.
 */
export function createAnalysisServer(options: AnalysisServerOptions): AnalysisServer {
  const limits = resolveServerOptions(options);
  const prometheus = resolvePrometheus(options.prometheus, 'createAnalysisServer');
  const prepared = prepareAnalysis(options.rules, options.queries, options.files);
  if (!prepared.ok) {
    const listed = prepared.issues
      .slice(0, MAX_ISSUES_IN_MESSAGE)
      .map((i) => `${i.file ? `${i.file}: ` : ''}${i.path || '(document)'}: ${i.message}`)
      .join('; ');
    const more =
      prepared.issues.length > MAX_ISSUES_IN_MESSAGE
        ? ` (+${prepared.issues.length - MAX_ISSUES_IN_MESSAGE} more)`
        : '';
    throw analysisError(
      'ROLLGATE_ERR_ANALYSIS_INVALID_DOCUMENTS',
      'createAnalysisServer',
      'rules and queries',
      `${listed}${more}`,
    );
  }
  const registry = options.registry ?? new Registry();
  const health = createHealth({
    service: options.service ?? 'rollgate-analysis',
    version: options.version ?? '0.1.0',
  });
  const ready = new URL(prometheus.url);
  if (!ready.pathname.endsWith('/')) ready.pathname += '/';
  health.register(
    httpProbe(new URL('-/ready', ready), {
      name: 'Prometheus',
      timeoutMs: 2000,
      ...(prometheus.headers === undefined ? {} : { headers: prometheus.headers }),
      ...(prometheus.fetch === undefined ? {} : { fetch: prometheus.fetch }),
    }),
  );
  const readyz = createReadyz(health, { metrics: { registry }, paths: { metrics: '/metrics' } });
  const handle = createHandler({
    prepared: prepared.value,
    prometheus: options.prometheus,
    limits,
    metrics: createAnalysisMetrics(registry),
    readyz,
  });

  let server: Server | undefined;
  let closed = false;
  return {
    health,
    registry,
    handle,
    listen: async () => {
      if (closed)
        throw analysisError('ROLLGATE_ERR_ANALYSIS_NOT_LISTENING', 'listen', 'the server was closed');
      const s = createServer((req, res) => void handle(req, res));
      // A client that never finishes its headers is cut, as the request budget cuts a slow body.
      s.headersTimeout = Math.min(limits.requestTimeoutMs, 60_000);
      s.requestTimeout = limits.requestTimeoutMs + 5_000;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
          s.off('error', reject);
          resolve();
        });
      });
      server = s;
      health.markStarted();
      const address = s.address();
      return { port: typeof address === 'object' && address !== null ? address.port : 0 };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      health.beginDrain();
      const s = server;
      server = undefined;
      if (s !== undefined) {
        const done = new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeAllConnections();
        await done;
      }
      await health.close();
    },
  };
}

// One request → one answer. Routes: the analysis for Argo Rollouts (GET/POST /v1/analysis), Flagger's webhook
// (POST /v1/flagger), the HTML report (GET /v1/analysis/report), and readyz's own routes and /metrics. Every
// path out writes an answer; nothing thrown reaches the client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readyz } from '@rollgate/readyz';
import type { PrometheusOptions } from '../analysis/options.js';
import type { PreparedAnalysis } from '../analysis/plan.js';
import { type AnalysisResult, runAnalysis } from '../analysis/run.js';
import { renderReport } from '../report/render.js';
import { analysisAnswer, flaggerStatus } from './answer.js';
import { readJsonBody } from './body.js';
import type { AnalysisMetrics } from './metrics.js';
import type { AnalysisServerLimits } from './options.js';
import {
  type RequestVariables,
  variablesFromFlagger,
  variablesFromObject,
  variablesFromQuery,
} from './request-input.js';
import { sendError, sendHtml, sendIssues, sendJson } from './respond.js';

/** What the handler needs, made once by createAnalysisServer. */
export interface HandlerContext {
  /** Rules and queries, read and checked at creation. */
  prepared: PreparedAnalysis;
  /** Prometheus options, as given. */
  prometheus: PrometheusOptions;
  /** Request bounds. */
  limits: AnalysisServerLimits;
  /** The server's metrics. */
  metrics: AnalysisMetrics;
  /** readyz over the server's health (Prometheus' readiness) with /metrics. */
  readyz: Readyz;
}

type Endpoint = 'analysis' | 'flagger' | 'report';

const ROUTES: Readonly<Record<string, { endpoint: Endpoint; methods: readonly string[] }>> = {
  '/v1/analysis': { endpoint: 'analysis', methods: ['GET', 'POST'] },
  '/v1/flagger': { endpoint: 'flagger', methods: ['POST'] },
  '/v1/analysis/report': { endpoint: 'report', methods: ['GET'] },
};

/** A body the server refuses before reading variables: the status and one line. */
interface Refusal {
  refused: { status: number; message: string };
}

// Reads the variables without writing the answer: after the budget the caller has answered 408 already, and
// this promise may still settle; it must not touch the response then.
async function requestVariables(
  endpoint: Endpoint,
  req: IncomingMessage,
  url: URL,
  maxBodyBytes: number,
): Promise<RequestVariables | Refusal> {
  if (req.method === 'GET') return variablesFromQuery(url.searchParams);
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) return { refused: { status: body.status, message: body.message } };
  return endpoint === 'flagger' ? variablesFromFlagger(body.value) : variablesFromObject(body.value, '');
}

async function analyse(
  ctx: HandlerContext,
  vars: Record<string, string>,
  signal: AbortSignal,
): Promise<AnalysisResult> {
  return runAnalysis({
    prepared: ctx.prepared,
    prometheus: ctx.prometheus,
    vars,
    signal,
    onProgress: ({ query }) => ctx.metrics.query(query),
  });
}

/** Builds the request handler: `(req, res) => Promise<void>`, never rejecting. */
export function createHandler(
  ctx: HandlerContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let inFlight = 0;

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://analysis.invalid');
    } catch {
      sendError(res, 400, 'the request target is not a path');
      return;
    }
    const route = ROUTES[url.pathname];
    if (route === undefined) {
      if (ctx.readyz.matches(url.pathname)) {
        const answer = await ctx.readyz.handle({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
        });
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
      sendError(res, 404, `no route ${url.pathname}; try POST /v1/analysis, POST /v1/flagger or GET /readyz`);
      return;
    }
    if (!route.methods.includes(req.method ?? '')) {
      sendError(res, 405, `${req.method} is not allowed on ${url.pathname}`, {
        allow: route.methods.join(', '),
      });
      return;
    }
    if (inFlight >= ctx.limits.maxConcurrent) {
      ctx.metrics.decision(route.endpoint, 'busy');
      sendError(res, 429, `busy: ${inFlight} analyses running, at most ${ctx.limits.maxConcurrent}`, {
        'retry-after': '1',
      });
      return;
    }
    inFlight++;
    const deadline = AbortSignal.timeout(ctx.limits.requestTimeoutMs);
    try {
      const vars = await Promise.race([
        requestVariables(route.endpoint, req, url, ctx.limits.maxBodyBytes),
        new Promise<'late'>((resolve) =>
          deadline.addEventListener('abort', () => resolve('late'), { once: true }),
        ),
      ]);
      if (vars === 'late') {
        res.setHeader('connection', 'close');
        sendError(res, 408, `the request body did not arrive within ${ctx.limits.requestTimeoutMs}ms`);
        return;
      }
      if ('refused' in vars) {
        // The rest of a refused body is not read: close the connection after answering.
        ctx.metrics.decision(route.endpoint, 'bad_request');
        res.setHeader('connection', 'close');
        sendError(res, vars.refused.status, vars.refused.message);
        return;
      }
      if (!vars.ok) {
        ctx.metrics.decision(route.endpoint, 'bad_request');
        sendIssues(res, vars.issues);
        return;
      }
      const result = await analyse(ctx, vars.value, deadline);
      if (result.decision === null) {
        ctx.metrics.decision(route.endpoint, 'bad_request');
        sendIssues(res, result.issues);
        return;
      }
      ctx.metrics.decision(route.endpoint, result.decision.action);
      if (route.endpoint === 'report') {
        sendHtml(
          res,
          renderReport({
            rules: ctx.prepared.rules.document,
            series: result.series,
            decision: result.decision,
          }),
        );
        return;
      }
      const answer = analysisAnswer(result);
      sendJson(res, route.endpoint === 'flagger' ? flaggerStatus(answer.decision) : 200, answer);
    } finally {
      inFlight--;
    }
  };

  return async (req, res) => {
    try {
      await serve(req, res);
    } catch {
      // A bug, not a request mistake: say so without details (they stay in the process).
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    }
  };
}

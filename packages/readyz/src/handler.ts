import type { HealthReport } from '@rollgate/contract';
import type { Health } from '@rollgate/core';
import type { AdminHandler } from './admin.js';
import { requestError } from './errors.js';
import { negotiateFormat, readHeaders } from './headers.js';
import { exceedsBytes, hasControlChars } from './limits.js';
import type { ReadyzMetrics } from './metrics/readyz-metrics.js';
import { decodeProbe } from './probe-name.js';
import { parseParams } from './query.js';
import { renderHealthJson } from './render/health-json.js';
import { renderJsonBody } from './render/json-body.js';
import { createKeptAnswers } from './render/kept-answers.js';
import { outcomeOf } from './render/outcome.js';
import {
  HEALTH_JSON_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  respond,
  respondError,
  unavailableResponse,
} from './response.js';
import type { RouteTable } from './routes.js';
import type { WordsByGroup } from './status-words.js';
import { annotateRoute } from './tracing.js';
import type { ReadyzDetails, ReadyzLimits, ReadyzRequest, ReadyzResponse } from './types.js';

/** Everything a handler needs, resolved once by createReadyz(). */
export interface HandlerConfig {
  health: Health;
  table: RouteTable;
  limits: ReadyzLimits;
  details: ReadyzDetails;
  metrics: ReadyzMetrics | undefined;
  componentTypes: Readonly<Record<string, string>> | undefined;
  now: () => number;
  /** Each group's status words (`PLAIN_WORDS` without `options.statusWords`). */
  words: WordsByGroup;
  /** The drill admin route's handler, when `options.admin` is set. */
  admin: AdminHandler | undefined;
  /** `/version`'s body (the health's build metadata as JSON), when it has any. */
  versionBody: string | undefined;
}

/** Splits `/readyz?verbose` into path and query (without `?`). */
function splitPath(path: string): [string, string] {
  const q = path.indexOf('?');
  return q === -1 ? [path, ''] : [path.slice(0, q), path.slice(q + 1)];
}

function detailsAllowed(details: ReadyzDetails, request: ReadyzRequest): boolean {
  if (details === 'always') return true;
  if (details === 'never') return false;
  try {
    return details(request) === true;
  } catch {
    return false; // a failing predicate withholds: the safe side for an endpoint that may be public
  }
}

/** The report for an engine that broke its promise never to reject. */
function brokenCheck(group: HealthReport['group']): HealthReport {
  return {
    status: 'fail',
    ...(group ? { group } : {}),
    error: 'health check failed unexpectedly',
  };
}

/** Creates `handle()`: validate, route, check, render. Never throws; 4xx never runs a probe. */
export function createHandler(config: HandlerConfig): (request: ReadyzRequest) => Promise<ReadyzResponse> {
  const { health, table, limits, metrics } = config;
  const redact = (s: string) => health.redact(s);
  const rendered = createKeptAnswers();

  async function answer(request: ReadyzRequest): Promise<ReadyzResponse> {
    if (typeof request !== 'object' || request === null) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'no request'), false);
    }
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    const head = method === 'HEAD';
    if (typeof request.path !== 'string') {
      return respondError(requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'path must be a string'), head);
    }
    const [path, pathQuery] = splitPath(request.path);
    if (exceedsBytes(path, limits.maxPathBytes)) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_URI_TOO_LONG', 'path too long'), head);
    }
    if (hasControlChars(path)) {
      return respondError(requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'control character'), head);
    }
    const match = table.match(path);
    if (!match) return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
    const { route } = match;
    // The admin route takes POST and DELETE and checks its caller before anything else.
    if (route.kind === 'admin') {
      if (!config.admin) return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
      annotateRoute(route.pattern);
      return config.admin(request, method, match.probe ?? '', pathQuery);
    }
    if (method !== 'GET' && !head)
      return respondError(requestError('ROLLGATE_ERR_READYZ_METHOD_NOT_ALLOWED'), false);
    const headers = readHeaders(request.headers, limits);
    if (!headers.ok) return respondError(headers.error, head);
    const parsed = parseParams(pathQuery, request.query, limits);
    if (!parsed.ok) return respondError(parsed.error, head);
    annotateRoute(route.pattern);

    if (route.kind === 'version') {
      if (config.versionBody === undefined)
        return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
      return respond(200, config.versionBody, JSON_CONTENT_TYPE, head);
    }

    if (route.kind === 'metrics') {
      if (!metrics) return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
      try {
        const text = await metrics.registry.metrics();
        return respond(200, text, metrics.registry.contentType, head);
      } catch {
        return respondError(requestError('ROLLGATE_ERR_READYZ_METRICS_UNAVAILABLE'), head);
      }
    }

    let report: HealthReport;
    let unknownExcluded: readonly string[] = [];
    // The probe route speaks readiness's words: it answers for one readiness dependency.
    const words = config.words[route.group ?? 'readiness'];
    if (route.kind === 'probe') {
      const probe = decodeProbe(match.probe ?? '', limits);
      if (!probe.ok) return respondError(probe.error, head);
      if (!health.probeNames().includes(probe.name)) {
        return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), head);
      }
      let result: HealthReport | undefined;
      try {
        result = await health.checkProbe(probe.name);
      } catch {
        result = brokenCheck('probe');
      }
      if (!result) return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), head);
      report = result;
    } else {
      const group = route.group ?? 'readiness';
      const { exclude } = parsed.params;
      const started = metrics ? performance.now() : 0;
      try {
        report = await health.check(group, exclude.length > 0 ? { exclude } : undefined);
      } catch {
        report = brokenCheck(group);
      }
      // Only a full readiness check speaks for the service: an excluded or single-probe answer does not.
      if (metrics && group === 'readiness' && exclude.length === 0) {
        metrics.recordReadiness(report.status !== 'fail', (performance.now() - started) / 1000);
      }
      if (exclude.length > 0) {
        const known = new Set(health.probeNames());
        unknownExcluded = report.unknown_excluded ?? exclude.filter((name) => !known.has(name));
      }
    }

    const details = detailsAllowed(config.details, request);
    const format = negotiateFormat(headers.headers.accept);
    // The plain answer of a group route: what kubelets ask for many times a second, kept while the result holds.
    const keptGroup =
      route.kind === 'group' && format === 'json' && !parsed.params.verbose && unknownExcluded.length === 0
        ? (route.group ?? 'readiness')
        : undefined;
    if (keptGroup !== undefined) {
      const kept = rendered.get(keptGroup, report, head, details);
      if (kept !== undefined) return kept;
    }
    const outcome = outcomeOf(report, redact);
    const status = outcome.status === 'fail' ? 503 : 200;
    if (format === 'health+json') {
      const body = renderHealthJson(report, outcome, {
        details,
        service: health.service,
        version: health.version,
        unknownExcluded,
        componentTypes: config.componentTypes,
        redact,
        now: config.now,
      });
      return respond(status, body, HEALTH_JSON_CONTENT_TYPE, head);
    }
    const body = renderJsonBody(report, outcome, {
      verbose: parsed.params.verbose,
      details,
      unknownExcluded,
      redact,
      words,
    });
    const response = respond(status, body, JSON_CONTENT_TYPE, head);
    if (keptGroup !== undefined) rendered.set(keptGroup, report, head, details, response);
    return response;
  }

  // Unreachable by design (every step returns errors as data); the last line of "never throws".
  return (request) => answer(request).catch(() => unavailableResponse());
}

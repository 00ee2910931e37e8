import type { HealthReport } from '@rollgate/contract';
import type { Health } from '@rollgate/core';
import type { AdminHandler } from './admin.js';
import { requestError } from './errors.js';
import { negotiateFormat, readHeaders } from './headers.js';
import { exceedsBytes, hasControlChars } from './limits.js';
import type { ReadyzMetrics } from './metrics/readyz-metrics.js';
import { decodeProbe } from './probe-name.js';
import { parseParams, type ReadyzParams } from './query.js';
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
import type { ReadyzDetails, ReadyzLimits, ReadyzRequest, ReadyzResponse, ReadyzRoute } from './types.js';

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

/** The two ways readyz answers: `handle()`, and `answerNow()` for what needs no waiting. */
export interface Handler {
  /** Validate, route, check, render. Never throws; 4xx never runs a probe. */
  handle(request: ReadyzRequest): Promise<ReadyzResponse>;
  /** The same answer, synchronously, when it needs no waiting; undefined when it would (see `Readyz.answerNow`). */
  answerNow(request: ReadyzRequest): ReadyzResponse | undefined;
}

type Answer = ReadyzResponse | Promise<ReadyzResponse>;

/** Creates the handler. Everything up to the check is synchronous, and so is a cached answer. */
export function createHandler(config: HandlerConfig): Handler {
  const { health, table, limits, metrics } = config;
  const redact = (s: string) => health.redact(s);
  const rendered = createKeptAnswers();
  // A Health from createHealth() reads its kept report without running anything; another fit answers by check().
  const cachedReport =
    typeof health.cachedReport === 'function' ? health.cachedReport.bind(health) : () => undefined;

  // `now`: answer only what needs no waiting (undefined otherwise), never starting a check.
  function answer(request: ReadyzRequest, now: boolean): Answer | undefined {
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
      if (now) return undefined;
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
    const asked: Asked = { request, route, head, accept: headers.headers.accept, params: parsed.params };

    if (route.kind === 'version') {
      if (config.versionBody === undefined)
        return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
      return respond(200, config.versionBody, JSON_CONTENT_TYPE, head);
    }
    if (route.kind === 'metrics') {
      if (!metrics) return respondError(requestError('ROLLGATE_ERR_READYZ_NOT_FOUND'), head);
      if (now) return undefined;
      return scrape(metrics, head);
    }
    if (route.kind === 'probe') {
      const probe = decodeProbe(match.probe ?? '', limits);
      if (!probe.ok) return respondError(probe.error, head);
      if (!health.probeNames().includes(probe.name)) {
        return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), head);
      }
      if (now) return undefined;
      return checkProbe(probe.name, asked);
    }

    const group = route.group ?? 'readiness';
    const { exclude } = parsed.params;
    if (exclude.length === 0) {
      const kept = cachedReport(group);
      if (kept !== undefined) return groupAnswer(asked, kept, 0);
    }
    if (now) return undefined;
    const started = metrics ? performance.now() : 0;
    return health
      .check(group, exclude.length > 0 ? { exclude } : undefined)
      .catch(() => brokenCheck(group))
      .then((report) => groupAnswer(asked, report, started));
  }

  async function scrape(registered: ReadyzMetrics, head: boolean): Promise<ReadyzResponse> {
    try {
      const text = await registered.registry.metrics();
      return respond(200, text, registered.registry.contentType, head);
    } catch {
      return respondError(requestError('ROLLGATE_ERR_READYZ_METRICS_UNAVAILABLE'), head);
    }
  }

  async function checkProbe(name: string, asked: Asked): Promise<ReadyzResponse> {
    let result: HealthReport | undefined;
    try {
      result = await health.checkProbe(name);
    } catch {
      result = brokenCheck('probe');
    }
    if (!result) return respondError(requestError('ROLLGATE_ERR_READYZ_UNKNOWN_PROBE'), asked.head);
    return render(asked, result, []);
  }

  // `started`: when the check began (0 when it needed none), for the readiness latency metric.
  function groupAnswer(asked: Asked, report: HealthReport, started: number): ReadyzResponse {
    const group = asked.route.group ?? 'readiness';
    const { exclude } = asked.params;
    // Only a full readiness check speaks for the service: an excluded or single-probe answer does not.
    if (metrics && group === 'readiness' && exclude.length === 0) {
      const seconds = started === 0 ? 0 : (performance.now() - started) / 1000;
      metrics.recordReadiness(report.status !== 'fail', seconds);
    }
    let unknownExcluded: readonly string[] = [];
    if (exclude.length > 0) {
      const known = new Set(health.probeNames());
      unknownExcluded = report.unknown_excluded ?? exclude.filter((name) => !known.has(name));
    }
    return render(asked, report, unknownExcluded);
  }

  function render(asked: Asked, report: HealthReport, unknownExcluded: readonly string[]): ReadyzResponse {
    const { request, route, head, params } = asked;
    // The probe route speaks readiness's words: it answers for one readiness dependency.
    const words = config.words[route.group ?? 'readiness'];
    const details = detailsAllowed(config.details, request);
    const format = negotiateFormat(asked.accept);
    // The plain answer of a group route: what kubelets ask for many times a second, kept while the result holds.
    const keptGroup =
      route.kind === 'group' && format === 'json' && !params.verbose && unknownExcluded.length === 0
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
      verbose: params.verbose,
      details,
      unknownExcluded,
      redact,
      words,
    });
    const response = respond(status, body, JSON_CONTENT_TYPE, head);
    if (keptGroup !== undefined) rendered.set(keptGroup, report, head, details, response);
    return response;
  }

  return {
    handle(request) {
      // Unreachable by design (every step returns errors as data); the last line of "never throws".
      try {
        return Promise.resolve(answer(request, false) as Answer).catch(() => unavailableResponse());
      } catch {
        return Promise.resolve(unavailableResponse());
      }
    },
    answerNow(request) {
      try {
        const answered = answer(request, true);
        return answered instanceof Promise ? undefined : answered;
      } catch {
        return unavailableResponse();
      }
    },
  };
}

/** A request that passed every bound, with what rendering needs. */
interface Asked {
  readonly request: ReadyzRequest;
  readonly route: ReadyzRoute;
  readonly head: boolean;
  /** The `Accept` header, lower-cased. */
  readonly accept: string;
  readonly params: ReadyzParams;
}

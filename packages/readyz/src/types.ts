import type { ProbeGroupName } from '@rollgate/core';
import type { MetricsRegistry, PromClientLike } from './metrics/prom-types.js';

/** One query value as frameworks hand it over (`?a=1&a=2` → `['1', '2']`). */
export type ReadyzQueryValue = string | readonly string[] | undefined;

/** The query: a raw string (with or without `?`), URLSearchParams, or a parsed record (Express `req.query`). */
export type ReadyzQuery = string | URLSearchParams | Readonly<Record<string, ReadyzQueryValue>>;

/** One header value as node:http hands it over. */
export type ReadyzHeaderValue = string | readonly string[] | number | undefined;

/** Request headers: a web `Headers` or a record (node:http `IncomingHttpHeaders`); names are case-insensitive. */
export type ReadyzHeaders = Headers | Readonly<Record<string, ReadyzHeaderValue>>;

/** A framework-free request: what adapters translate Fastify, Express and node:http requests into. */
export interface ReadyzRequest {
  /** HTTP method (`GET`, `HEAD`, …). */
  method: string;
  /** Path as received, without scheme or host; may carry a query string (`/readyz?verbose`). */
  path: string;
  /** Query, when the framework parsed it already; it then wins over a query string left in `path`. */
  query?: ReadyzQuery;
  /** Request headers. */
  headers?: ReadyzHeaders;
  /**
   * Address of the peer that sent the request (the socket's, never a forwarded header). Only the admin route reads
   * it: without it, the admin route answers only when `admin.allowRemote` is set.
   */
  remoteAddress?: string;
}

/** A framework-free response: adapters write it back as is. Header names are lower case. */
export interface ReadyzResponse {
  /** HTTP status: 200, 400, 404, 405, 414, 431 or 503 (the admin route adds 401 and 403). */
  status: number;
  /** Response headers (lower-case names); a cached answer's are shared between responses, so they are read-only. */
  headers: Readonly<Record<string, string>>;
  /** Body text; empty for HEAD. */
  body: string;
}

/** Names of the routes readyz can serve; keys of `options.paths`. */
export type ReadyzRouteName =
  | 'readyz'
  | 'livez'
  | 'healthz'
  | 'health'
  | 'healthReady'
  | 'healthLive'
  | 'healthStartup'
  | 'probe'
  | 'metrics'
  | 'version'
  | 'admin';

/**
 * Route switches: `false` turns a route off, a string renames it (relative to `prefix`), `true` keeps the
 * default path. `probe` is the base of `/readyz/<probe>` and follows `readyz` unless set; `metrics` is off
 * unless set; `version` is on when the health has build metadata; `admin` (base of
 * `/readyz/admin/drills/<probe>`) is on only with `options.admin`.
 */
export type ReadyzPaths = Partial<Record<ReadyzRouteName, string | boolean>>;

/** One route readyz answers, with its full path (prefix included). */
export interface ReadyzRoute {
  /** Route name (key of `options.paths`). */
  name: ReadyzRouteName;
  /** What it answers: a probe group, one probe by name, the metrics exposition, build metadata, or drills. */
  kind: 'group' | 'probe' | 'metrics' | 'version' | 'admin';
  /** The probe group a `group` route checks. */
  group?: ProbeGroupName;
  /** Full path; for the probe route, the base path its probe names hang under. */
  path: string;
  /** Router-style pattern (`/readyz/:probe` for the probe route, `/readyz/admin/drills/:probe` for admin, else `path`). */
  pattern: string;
}

/** Whether a response may carry error text and the check list. */
export type ReadyzDetails = 'always' | 'never' | ((request: ReadyzRequest) => boolean);

/** Bounds on what a request may carry; beyond them readyz answers 4xx before running anything. */
export interface ReadyzLimits {
  /** Path, without the query, in UTF-8 bytes (default 2048; beyond: 414). */
  maxPathBytes: number;
  /** Query string in UTF-8 bytes (default 4096; beyond: 414). */
  maxQueryBytes: number;
  /** Query parameters, counting repeats (default 64; beyond: 400). */
  maxQueryParams: number;
  /** Distinct `exclude` names after splitting comma lists (default 32; beyond: 400). */
  maxExclude: number;
  /** One probe or exclude name in UTF-8 bytes (default 256; beyond: 400). */
  maxNameBytes: number;
  /** All header names and values together in bytes (default 16384; beyond: 431). */
  maxHeaderBytes: number;
  /** Header fields (default 128; beyond: 431). */
  maxHeaderCount: number;
}

/** Metrics on a prom-client registry the host owns; prom-client is loaded only when this is set. */
export interface ReadyzMetricsOptions {
  /** The host's prom-client `Registry` (never the global one unless the host passes it). */
  registry: MetricsRegistry;
  /** Metric name prefix, e.g. `aether_` → `aether_readyz_success` (default none). */
  prefix?: string;
  /** Histogram buckets in seconds for both latency histograms. */
  buckets?: readonly number[];
  /** The prom-client module to build metrics with (default: `require('prom-client')`, loaded lazily). */
  client?: PromClientLike;
}

/** Options of `createReadyz()`. */
export interface ReadyzOptions {
  /** Mount every route under this prefix, e.g. `/ops` → `/ops/readyz`. */
  prefix?: string;
  /** Rename or switch off routes; see {@link ReadyzPaths}. */
  paths?: ReadyzPaths;
  /** Error text and check lists in bodies (default `'always'`; `'never'` for endpoints reachable from outside). */
  details?: ReadyzDetails;
  /** prom-client metrics (off when absent). */
  metrics?: ReadyzMetricsOptions;
  /** Request bounds; see {@link ReadyzLimits}. */
  limits?: Partial<ReadyzLimits>;
  /** `componentType` per probe name in `application/health+json` answers (default `component`). */
  componentTypes?: Readonly<Record<string, string>>;
  /** Words JSON bodies say instead of `ok`, `degraded` and `fail`, per group; see {@link ReadyzStatusWords}. */
  statusWords?: ReadyzStatusWords;
  /** The drill admin route (off when absent); see {@link ReadyzAdminOptions}. */
  admin?: ReadyzAdminOptions;
}

/** The words one group's JSON bodies say for each status (each defaults to the status itself). */
export interface ReadyzGroupWords {
  /** Said for `ok` (e.g. `ready`). */
  ok?: string;
  /** Said for `degraded` (e.g. `degraded`). */
  degraded?: string;
  /** Said for `fail` (e.g. `not_ready`). */
  fail?: string;
}

/**
 * Status words for scripts that read `{"status":"ready"}` (seed 002's `jq -r .status`): `readiness` applies to
 * `/readyz`, `/health/ready` and `/readyz/<probe>`; `liveness` to `/livez`, `/healthz`, `/health`, `/health/live`;
 * `startup` to `/health/startup`. Words are lowercase, 1 to 32 characters (`[a-z][a-z0-9_-]*`). The HTTP status
 * and `application/health+json` (`pass`/`warn`/`fail`, fixed by its format) are unchanged.
 */
export interface ReadyzStatusWords {
  /** Readiness words, e.g. `{ ok: 'ready', fail: 'not_ready' }`. */
  readiness?: ReadyzGroupWords;
  /** Liveness words, e.g. `{ ok: 'alive' }`. */
  liveness?: ReadyzGroupWords;
  /** Startup words, e.g. `{ ok: 'started', fail: 'starting' }`. */
  startup?: ReadyzGroupWords;
}

/**
 * The drill admin route: `POST <prefix>/readyz/admin/drills/<probe>?mode=fail|hang|latency&forMs=…[&latencyMs=…]`
 * starts a drill (`health.simulate()`), `DELETE` ends it, `GET` describes it. Every request needs
 * `Authorization: Bearer <token>` (compared in constant time) and, unless `allowRemote`, a loopback peer.
 */
export interface ReadyzAdminOptions {
  /** The bearer token (at least 16 characters). */
  token: string;
  /** Accept requests from any peer address, not only loopback (default false). */
  allowRemote?: boolean;
}

/** The router `createReadyz()` returns. */
export interface Readyz {
  /** Answers a framework-free request; never throws. */
  handle(request: ReadyzRequest): Promise<ReadyzResponse>;
  /**
   * `handle()`'s answer, synchronously, when it needs no waiting: a refused request, or a group route answered from
   * the engine's cached results. Undefined when it would wait (a check to run, a probe, `/metrics`, the admin
   * route): then call `handle()`. Adapters try it first, so a cached answer is written in the request's own tick.
   */
  answerNow(request: ReadyzRequest): ReadyzResponse | undefined;
  /** Answers a web-standard Request; never rejects. */
  fetch(request: Request): Promise<Response>;
  /** The routes served, prefix included. */
  readonly routes: readonly ReadyzRoute[];
  /** True when `path` (query allowed) is one of readyz's routes, so adapters know to answer or pass on. */
  matches(path: string | undefined): boolean;
}

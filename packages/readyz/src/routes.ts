import { type ProbeGroupName, rejectUnknownOptions } from '@rollgate/core';
import { readyzError } from './errors.js';
import type { ReadyzPaths, ReadyzRoute, ReadyzRouteName } from './types.js';

interface RouteDefault {
  name: ReadyzRouteName;
  path: string;
  kind: ReadyzRoute['kind'];
  group?: ProbeGroupName;
  enabled: boolean;
}

// The HTTP behaviour table of DESIGN.md. /health answers liveness; in heartbeat mode the engine
// answers that group from the heartbeat state.
const DEFAULTS: readonly RouteDefault[] = [
  { name: 'readyz', path: '/readyz', kind: 'group', group: 'readiness', enabled: true },
  { name: 'livez', path: '/livez', kind: 'group', group: 'liveness', enabled: true },
  { name: 'healthz', path: '/healthz', kind: 'group', group: 'liveness', enabled: true },
  { name: 'health', path: '/health', kind: 'group', group: 'liveness', enabled: true },
  { name: 'healthReady', path: '/health/ready', kind: 'group', group: 'readiness', enabled: true },
  { name: 'healthLive', path: '/health/live', kind: 'group', group: 'liveness', enabled: true },
  { name: 'healthStartup', path: '/health/startup', kind: 'group', group: 'startup', enabled: true },
  { name: 'probe', path: '/readyz', kind: 'probe', enabled: true },
  { name: 'metrics', path: '/metrics', kind: 'metrics', enabled: false },
  // On when the health has build metadata (`enabled.version`), so a host's own /version is not shadowed.
  { name: 'version', path: '/version', kind: 'version', enabled: false },
  // Base of `/readyz/admin/drills/<probe>`; on only with `options.admin` (`enabled.admin`).
  { name: 'admin', path: '/readyz/admin', kind: 'admin', enabled: false },
];

/** Routes whose default depends on the health and options rather than the table. */
export interface RouteSwitches {
  /** Serve `/version` (the health has build metadata). */
  version: boolean;
  /** Serve the admin route (`options.admin` is set). */
  admin: boolean;
}

/** Every key of `options.paths`: the route names of the table above. */
const ROUTE_NAMES: readonly ReadyzRouteName[] = DEFAULTS.map((d) => d.name);
// Path segments: unreserved and sub-delims plus `:` `@` and percent-escapes; no query, fragment or space.
const PATH_RE = /^(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]+)+$/;

/** A request path matched to a route; `probe` is set for the probe route only. */
export interface RouteMatch {
  /** The route. */
  route: ReadyzRoute;
  /** Raw (still percent-encoded) probe name after the probe (or admin drills) route's base. */
  probe?: string;
}

/** The resolved routes and a matcher over them. */
export interface RouteTable {
  /** Routes served, prefix included. */
  routes: readonly ReadyzRoute[];
  /** Matches a path (no query); `probe` is the raw, still percent-encoded name. */
  match(path: string): RouteMatch | undefined;
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  if (typeof prefix !== 'string')
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_PATH', `prefix ${String(prefix)} must look like "/ops"`);
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (!PATH_RE.test(trimmed)) {
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_PATH', `prefix "${prefix}" must look like "/ops"`);
  }
  return trimmed;
}

function resolvePath(name: ReadyzRouteName, value: string, prefix: string): string {
  const trimmed = value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
  if (!PATH_RE.test(trimmed)) {
    throw readyzError(
      'ROLLGATE_ERR_READYZ_INVALID_PATH',
      `paths.${name} "${value}" must look like "/readyz"`,
    );
  }
  return prefix + trimmed;
}

/** Strips one trailing slash so `/readyz/` answers like `/readyz`. */
function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Resolves prefix and path switches into the route table; throws a coded RollgateError for bad paths. */
export function resolveRoutes(
  prefix: string | undefined,
  paths: ReadyzPaths | undefined,
  switches: RouteSwitches = { version: false, admin: false },
): RouteTable {
  if (paths !== undefined && (typeof paths !== 'object' || paths === null || Array.isArray(paths)))
    throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', 'paths must be an object of route switches');
  rejectUnknownOptions(paths, ROUTE_NAMES, 'createReadyz paths');
  const base = normalisePrefix(prefix);
  const routes: ReadyzRoute[] = [];
  for (const d of DEFAULTS) {
    let setting = paths?.[d.name];
    // The probe route hangs under /readyz and follows its rename or switch unless set itself.
    if (d.name === 'probe' && setting === undefined) setting = paths?.readyz;
    if (setting === undefined)
      setting = d.name === 'version' || d.name === 'admin' ? switches[d.name] : d.enabled;
    // The admin route exists only with options.admin: a path alone must never open it.
    if (d.name === 'admin' && !switches.admin) setting = false;
    if (setting === false) continue;
    if (setting !== true && typeof setting !== 'string') {
      throw readyzError('ROLLGATE_ERR_READYZ_INVALID_OPTION', `paths.${d.name} must be a path or a boolean`);
    }
    const path = resolvePath(d.name, setting === true ? d.path : setting, base);
    routes.push({
      name: d.name,
      kind: d.kind,
      ...(d.group ? { group: d.group } : {}),
      path,
      pattern: d.kind === 'probe' ? `${path}/:probe` : d.kind === 'admin' ? `${path}/drills/:probe` : path,
    });
  }
  const exact = new Map<string, ReadyzRoute>();
  for (const route of routes) {
    if (route.kind === 'probe' || route.kind === 'admin') continue;
    const clash = exact.get(route.path);
    if (clash) {
      throw readyzError(
        'ROLLGATE_ERR_READYZ_DUPLICATE_PATH',
        `${route.name} and ${clash.name} both use ${route.path}`,
      );
    }
    exact.set(route.path, route);
  }
  // One match object per exact route, made once: matching runs on every request and callers only read it.
  const exactMatches = new Map<string, RouteMatch>();
  for (const [path, route] of exact) exactMatches.set(path, Object.freeze({ route }));
  const probeRoute = routes.find((r) => r.kind === 'probe');
  const probeBase = probeRoute ? `${probeRoute.path}/` : undefined;
  const adminRoute = routes.find((r) => r.kind === 'admin');
  const adminBase = adminRoute ? `${adminRoute.path}/drills/` : undefined;
  return {
    routes,
    match(rawPath) {
      const path = trimSlash(rawPath);
      const found = exactMatches.get(path);
      if (found) return found;
      // Before the probe route: `/readyz/admin/drills/<probe>` also starts with `/readyz/`.
      if (adminRoute && adminBase && path.startsWith(adminBase) && path.length > adminBase.length) {
        return { route: adminRoute, probe: path.slice(adminBase.length) };
      }
      if (probeRoute && probeBase && path.startsWith(probeBase) && path.length > probeBase.length) {
        return { route: probeRoute, probe: path.slice(probeBase.length) };
      }
      return undefined;
    },
  };
}

import type { HealthReport } from '@rollgate/contract';
import { cleanError, type Outcome } from './outcome.js';

// The IETF health check response format (draft-inadvisable-http-api-health-check, "application/health+json"):
// status pass|warn|fail, version/releaseId/serviceId/description, notes, output, and checks keyed
// "<component>:<measurement>" holding arrays of { componentId, componentType, observedValue,
// observedUnit, status, time, output }. Each probe is one component measured by its response time.

/** How much a health+json body shows. */
export interface HealthJsonOptions {
  /** Error text (`output`) and `checks` may leave the process. */
  details: boolean;
  /** Service name → `serviceId`. */
  service: string;
  /** Service version → `version` and `releaseId`. */
  version: string;
  /** Names in `exclude` that matched no probe. */
  unknownExcluded: readonly string[];
  /** `componentType` per probe (default `component`). */
  componentTypes: Readonly<Record<string, string>> | undefined;
  /** The engine's redactor. */
  redact: (s: string) => string;
  /** Fallback `time` for checks without their own. */
  now: () => number;
}

const STATUS = { ok: 'pass', degraded: 'warn', fail: 'fail' } as const;

/**
 * The host's `componentType` for a probe, read from its own keys only: a probe named `__proto__` or
 * `constructor` must not find Object.prototype's members there.
 */
function componentTypeOf(types: Readonly<Record<string, string>> | undefined, name: string): string {
  if (types === undefined || !Object.hasOwn(types, name)) return 'component';
  const type = types[name];
  return typeof type === 'string' ? type : 'component';
}

/** Renders a report in the IETF `application/health+json` format. */
export function renderHealthJson(report: HealthReport, outcome: Outcome, options: HealthJsonOptions): string {
  const what =
    report.group === 'probe' ? `probe ${outcome.dependency ?? ''}`.trim() : (report.group ?? 'health');
  const body: Record<string, unknown> = {
    status: STATUS[outcome.status],
    version: options.version,
    releaseId: options.version,
    serviceId: options.service,
    description: `${options.service} ${what}`,
  };
  const notes: string[] = [];
  if (outcome.reason !== undefined) notes.push(`reason: ${outcome.reason}`);
  if (outcome.dependency !== undefined) notes.push(`dependency: ${outcome.dependency}`);
  for (const failure of outcome.failures) {
    if (failure.simulated) notes.push(`simulated: ${failure.name} (a drill, not an outage)`);
  }
  if (options.unknownExcluded.length > 0)
    notes.push(`unknown excluded: ${options.unknownExcluded.join(', ')}`);
  if (notes.length > 0) body.notes = notes;
  if (options.details && outcome.status !== 'ok') {
    const output = outcome.error ?? outcome.failures[0]?.error;
    if (output !== undefined) body.output = output;
  }
  if (options.details && report.checks && report.checks.length > 0) {
    const fallbackTime = report.timestamp ?? new Date(options.now()).toISOString();
    const checks: Record<string, unknown[]> = {};
    for (const c of report.checks) {
      const entry: Record<string, unknown> = {
        componentId: c.name,
        componentType: componentTypeOf(options.componentTypes, c.name),
        observedValue: c.duration_ms,
        observedUnit: 'ms',
        status: c.status === 'ok' ? 'pass' : c.critical ? 'fail' : 'warn',
        time: c.observed_at ?? fallbackTime,
      };
      const output = cleanError(c.error, options.redact);
      if (output !== undefined) entry.output = output;
      if (c.simulated === true) entry.simulated = true;
      const key = `${c.name}:responseTime`;
      checks[key] = [...(checks[key] ?? []), entry];
    }
    body.checks = checks;
  }
  return JSON.stringify(body);
}

import type { HealthReport } from '@rollgate/contract';
import { cleanError, type Outcome } from './outcome.js';

/** How much a JSON body shows. */
export interface JsonBodyOptions {
  /** `?verbose`: add every check and the report's context. */
  verbose: boolean;
  /** Error text and checks may leave the process. */
  details: boolean;
  /** Names in `exclude` that matched no probe. */
  unknownExcluded: readonly string[];
  /** The engine's redactor. */
  redact: (s: string) => string;
}

// The body almost every probe request gets, exactly as JSON.stringify({ status: 'ok' }) writes it.
const OK_BODY = '{"status":"ok"}';

/** Healthy with nothing to explain: no reason, no dependency, no failure (error text is never shown for ok). */
function isPlainOk(outcome: Outcome): boolean {
  return (
    outcome.status === 'ok' &&
    outcome.reason === undefined &&
    outcome.dependency === undefined &&
    outcome.failures.length === 0
  );
}

/**
 * The `application/json` body: exactly `{"status":"ok"}` for a plain healthy answer; the failing
 * dependency, its redacted error and every failure otherwise; every check with `?verbose`. With
 * details off, names stay and error text and checks are withheld.
 */
export function renderJsonBody(report: HealthReport, outcome: Outcome, options: JsonBodyOptions): string {
  const { details, verbose } = options;
  if (!verbose && isPlainOk(outcome) && options.unknownExcluded.length === 0) return OK_BODY;
  const body: Record<string, unknown> = { status: outcome.status };
  if (outcome.reason !== undefined) body.reason = outcome.reason;
  if (outcome.dependency !== undefined) body.dependency = outcome.dependency;
  if (details && outcome.error !== undefined && outcome.status !== 'ok') body.error = outcome.error;
  if (outcome.failures.length > 0) {
    body.failures = outcome.failures.map((f) =>
      details && f.error !== undefined
        ? { name: f.name, critical: f.critical, error: f.error }
        : { name: f.name, critical: f.critical },
    );
  }
  if (options.unknownExcluded.length > 0) body.unknown_excluded = options.unknownExcluded;
  if (verbose) {
    if (report.service !== undefined) body.service = report.service;
    if (report.version !== undefined) body.version = report.version;
    if (report.group !== undefined) body.group = report.group;
    if (details && report.checks) {
      body.checks = report.checks.map((c) => {
        const check: Record<string, unknown> = {
          name: c.name,
          status: c.status,
          critical: c.critical,
          duration_ms: c.duration_ms,
        };
        const error = cleanError(c.error, options.redact);
        if (error !== undefined) check.error = error;
        if (c.cached !== undefined) check.cached = c.cached;
        if (c.observed_at !== undefined) check.observed_at = c.observed_at;
        return check;
      });
    }
    if (report.duration_ms !== undefined) body.duration_ms = report.duration_ms;
    if (report.timestamp !== undefined) body.timestamp = report.timestamp;
  }
  return JSON.stringify(body);
}

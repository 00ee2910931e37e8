import type { HealthReport } from '@rollgate/contract';
import type { GroupWords } from '../status-words.js';
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
  /** The words this route's group says (`options.statusWords`), with its prebuilt healthy body. */
  words: GroupWords;
}

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
  // The body almost every probe request gets: a constant, `{"status":"ok"}` unless the host mapped the word.
  if (!verbose && isPlainOk(outcome) && options.unknownExcluded.length === 0) return options.words.okBody;
  const body: Record<string, unknown> = { status: options.words.words[outcome.status] };
  if (outcome.reason !== undefined) body.reason = outcome.reason;
  if (outcome.dependency !== undefined) body.dependency = outcome.dependency;
  if (details && outcome.error !== undefined && outcome.status !== 'ok') body.error = outcome.error;
  if (outcome.failures.length > 0) {
    body.failures = outcome.failures.map((f) => {
      const failure: Record<string, unknown> = { name: f.name, critical: f.critical };
      if (details && f.error !== undefined) failure.error = f.error;
      // A drill is never mistaken for an outage, even in the shortest body.
      if (f.simulated) failure.simulated = true;
      return failure;
    });
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
        if (c.simulated === true) check.simulated = true;
        if (c.attempt !== undefined) check.attempt = c.attempt;
        return check;
      });
    }
    if (report.duration_ms !== undefined) {
      body.duration_ms = report.duration_ms;
      // The name liveness scripts read (seed 003's `/healthz`): the same figure.
      body.response_time_ms = report.duration_ms;
    }
    if (report.timestamp !== undefined) body.timestamp = report.timestamp;
  }
  return JSON.stringify(body);
}

import type { HealthReport, HealthStatus } from '@rollgate/contract';

/** A failing probe as bodies show it. */
export interface Failure {
  /** Probe name. */
  name: string;
  /** Whether the probe is critical. */
  critical: boolean;
  /** Redacted error text. */
  error: string | undefined;
  /** True when a failure drill drives the probe. */
  simulated: boolean;
}

/** The facts a body is rendered from, derived once from the engine's report. */
export interface Outcome {
  /** Overall status (the engine's own word; status words are mapped when a body is written). */
  status: HealthStatus;
  /** Why a group fails without a probe failing (draining, starting, closed). */
  reason: HealthReport['reason'];
  /** First failing critical probe. */
  dependency: string | undefined;
  /** Redacted reason of `dependency` (or of the whole report). */
  error: string | undefined;
  /** Every failing probe. */
  failures: Failure[];
}

/** Longest error text a body carries; the full text stays in the log and the span. */
export const MAX_ERROR_CHARS = 1024;

/** Redacts (again: defence in depth over the engine's own redaction) and bounds error text. */
export function cleanError(text: string | undefined, redact: (s: string) => string): string | undefined {
  if (text === undefined) return undefined;
  let clean: string;
  try {
    clean = redact(String(text));
  } catch {
    return 'error withheld'; // a redactor that fails must not let the raw text out
  }
  return clean.length > MAX_ERROR_CHARS ? `${clean.slice(0, MAX_ERROR_CHARS - 1)}…` : clean;
}

/** Derives dependency, error and failures from a report, filling what an engine left out. */
export function outcomeOf(report: HealthReport, redact: (s: string) => string): Outcome {
  const failures: Failure[] = report.failures
    ? report.failures.map((f) => ({
        name: f.name,
        critical: f.critical ?? report.checks?.find((c) => c.name === f.name)?.critical ?? true,
        error: cleanError(f.error, redact),
        simulated: f.simulated === true,
      }))
    : (report.checks ?? [])
        .filter((c) => c.status === 'fail')
        .map((c) => ({
          name: c.name,
          critical: c.critical,
          error: cleanError(c.error, redact),
          simulated: c.simulated === true,
        }));
  const firstCritical = failures.find((f) => f.critical);
  const dependency = report.dependency ?? (report.status === 'fail' ? firstCritical?.name : undefined);
  const error =
    cleanError(report.error, redact) ??
    (dependency !== undefined ? failures.find((f) => f.name === dependency)?.error : undefined);
  return { status: engineStatus(report.status), reason: report.reason, dependency, error, failures };
}

// The engine only ever reports ok, degraded or fail; anything else is a broken report and fails (the safe side).
function engineStatus(status: string): HealthStatus {
  return status === 'ok' || status === 'degraded' ? status : 'fail';
}

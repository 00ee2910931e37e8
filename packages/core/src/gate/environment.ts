import { type Finding, reject } from './finding.js';
import { describe, isEnvironment } from './read.js';

/** The environment the gate judges, and what is wrong with how it was named. */
export interface ResolvedEnvironment {
  readonly environment: string | undefined;
  readonly findings: Finding[];
}

/**
 * The requested environment (`input.environment`) wins; without one the manifest's
 * `metadata.environment` is used. Both given and different: ENVIRONMENT_MISMATCH, since a release
 * approved for one environment must not be deployed to another.
 */
export function resolveEnvironment(requested: unknown, fromManifest: unknown): ResolvedEnvironment {
  const findings: Finding[] = [];
  const policy = 'environment';
  if (requested !== undefined && !isEnvironment(requested)) {
    findings.push(
      reject(
        'INPUT_INVALID',
        `The requested environment ${describe(requested)} is not a lowercase environment name such as "production".`,
        { policy },
      ),
    );
  }
  if (!isEnvironment(fromManifest)) {
    findings.push(
      reject(
        'MANIFEST_INVALID',
        `manifest.metadata.environment is ${describe(fromManifest)}, not the environment the release targets.`,
        {
          policy,
        },
      ),
    );
  }
  if (isEnvironment(requested) && isEnvironment(fromManifest) && requested !== fromManifest) {
    findings.push(
      reject(
        'ENVIRONMENT_MISMATCH',
        `The manifest targets "${fromManifest}" but the gate was asked about "${requested}".`,
        {
          policy,
          observed: fromManifest,
          limit: requested,
        },
      ),
    );
  }
  const environment =
    requested !== undefined
      ? isEnvironment(requested)
        ? requested
        : undefined
      : isEnvironment(fromManifest)
        ? fromManifest
        : undefined;
  return { environment, findings };
}

import type { ParseResult } from '@rollgate/contract';
import { type Finding, reject } from './finding.js';

/** The environment the gate judges, and whether it contradicts the manifest. */
export interface ResolvedEnvironment {
  /** Undefined when the requested environment was unreadable, or none was requested and the manifest names none. */
  readonly environment: string | undefined;
  /** ENVIRONMENT_MISMATCH, when the request and the manifest disagree. */
  readonly findings: Finding[];
}

/**
 * The requested environment (`input.environment`) wins; without one the manifest's
 * `metadata.environment` is used. Both given and different: ENVIRONMENT_MISMATCH, since a release
 * approved for one environment must not be deployed to another. An unreadable request judges no
 * environment (its issue already rejects): the manifest's is not silently used in its place.
 */
export function resolveEnvironment(
  requested: ParseResult<string | undefined>,
  fromManifest: string | undefined,
): ResolvedEnvironment {
  if (!requested.ok) return { environment: undefined, findings: [] };
  const asked = requested.value;
  if (asked === undefined) return { environment: fromManifest, findings: [] };
  if (fromManifest === undefined || fromManifest === asked) return { environment: asked, findings: [] };
  return {
    environment: asked,
    findings: [
      reject(
        'ENVIRONMENT_MISMATCH',
        `The manifest targets "${fromManifest}" but the gate was asked about "${asked}".`,
        { policy: 'environment', observed: fromManifest, limit: asked },
      ),
    ],
  };
}

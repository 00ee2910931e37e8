// The build metadata `/version` serves: given to createHealth({ build }), or read once from the variables CI
// systems and image builds set. The contract's BuildMetadata schema is the shape; the engine stays zod-free, so it
// checks only what it must to never serve a wrong type (the contract's tests parse what it produces).
import type { BuildMetadata } from '@rollgate/contract';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';

/** The variables read for each field, first set wins (GitHub Actions, GitLab CI, Heroku/Coolify, Docker builds). */
export const BUILD_ENVIRONMENT_VARIABLES = {
  git_sha: ['GIT_SHA', 'GIT_COMMIT', 'SOURCE_COMMIT', 'GITHUB_SHA', 'CI_COMMIT_SHA'],
  git_ref: ['GIT_REF', 'GIT_BRANCH', 'GITHUB_REF', 'CI_COMMIT_REF_NAME'],
  timestamp: ['BUILD_TIME', 'BUILD_DATE', 'BUILD_TIMESTAMP', 'SOURCE_DATE_EPOCH'],
  artifact_registry: ['IMAGE', 'ARTIFACT_REGISTRY', 'REGISTRY', 'CI_REGISTRY_IMAGE'],
} as const satisfies Record<Exclude<keyof BuildMetadata, 'schema_version'>, readonly string[]>;

const BUILD_KEYS = Object.keys({
  schema_version: true,
  git_sha: true,
  git_ref: true,
  artifact_registry: true,
  timestamp: true,
} satisfies Record<keyof BuildMetadata, true>);

const SHA = /^[0-9a-f]{7,64}$/;
const EPOCH_SECONDS = /^\d{9,11}$/;

/** What a missing git ref or registry reads as: the field is required, and an honest "unknown" beats a guess. */
export const UNKNOWN_BUILD_FIELD = 'unknown';

/**
 * `options.build` checked, or the build read from `environment`: undefined when `build` is `false`, or when the
 * environment names no commit or no build time (a partial build would put a made-up time on `/version`).
 * Throws `ROLLGATE_ERR_INVALID_BUILD` for a given object that is not build metadata.
 */
export function resolveBuild(
  build: BuildMetadata | false | undefined,
  environment: Readonly<Record<string, string | undefined>> = readEnvironment(),
): BuildMetadata | undefined {
  if (build === false) return undefined;
  if (build === undefined) return fromEnvironment(environment);
  if (typeof build !== 'object' || build === null) invalid('expected an object or false');
  rejectUnknownOptions(build, BUILD_KEYS, 'createHealth build');
  if (typeof build.git_sha !== 'string' || !SHA.test(build.git_sha))
    invalid('git_sha must be 7 to 64 lowercase hex characters');
  for (const key of ['git_ref', 'artifact_registry'] as const) {
    const value = build[key];
    if (typeof value !== 'string' || value.length === 0 || value.length > 512)
      invalid(`${key} must be a non-empty string`);
  }
  if (typeof build.timestamp !== 'string' || Number.isNaN(Date.parse(build.timestamp)))
    invalid('timestamp must be an RFC 3339 time');
  return Object.freeze({ ...build });
}

function fromEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
): BuildMetadata | undefined {
  const read = (names: readonly string[]): string | undefined => {
    for (const name of names) {
      const value = environment[name]?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const sha = read(BUILD_ENVIRONMENT_VARIABLES.git_sha)?.toLowerCase();
  const time = buildTime(read(BUILD_ENVIRONMENT_VARIABLES.timestamp));
  if (sha === undefined || !SHA.test(sha) || time === undefined) return undefined;
  return Object.freeze({
    git_sha: sha,
    git_ref: (read(BUILD_ENVIRONMENT_VARIABLES.git_ref) ?? UNKNOWN_BUILD_FIELD).slice(0, 256),
    artifact_registry: (read(BUILD_ENVIRONMENT_VARIABLES.artifact_registry) ?? UNKNOWN_BUILD_FIELD).slice(
      0,
      512,
    ),
    timestamp: time,
  });
}

// SOURCE_DATE_EPOCH (reproducible builds) is seconds since the epoch; the others are dates in any form Date reads.
function buildTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = EPOCH_SECONDS.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

// Edge runtimes have no `process`; there the build comes from options only.
function readEnvironment(): Readonly<Record<string, string | undefined>> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

function invalid(why: string): never {
  throw rollgateError('ROLLGATE_ERR_INVALID_BUILD', why);
}

import { z } from 'zod';
import { SHA256_DIGEST_PATTERN } from './digest.js';
import {
  DURATION_PATTERN,
  isTimestamp,
  offsetMinutes,
  TIMESTAMP_BODY_PATTERN,
  TIMESTAMP_PATTERN,
} from './time.js';

/** The schema version this build of the contract writes and fully understands. */
export const SCHEMA_VERSION = '1.0.0';

/**
 * `schema_version` of a document: semver within this major (1.x.y); absent means 1.0.0. `parseContract`
 * refuses another major with a message naming both versions before this pattern is reached.
 */
export const SchemaVersion = z
  .string()
  .regex(/^1\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'expected a 1.x semver version such as "1.0.0"');

/** RFC 3339 timestamp with an explicit offset (`Z` and any `±hh:mm` accepted). */
export const Timestamp = z
  .string()
  .regex(
    new RegExp(TIMESTAMP_PATTERN),
    'expected an RFC 3339 timestamp with an offset, e.g. 2025-10-02T20:00:00+08:00',
  )
  .refine(isTimestamp, 'expected a real calendar date');

/**
 * A timestamp schema that requires one offset, e.g. `timestampWithOffset('+08:00')` for the observability profile.
 * The offset is part of the pattern, so JSON Schema consumers enforce it too.
 */
export function timestampWithOffset(offset: string) {
  if (offsetMinutes(offset) === undefined)
    throw new RangeError(`"${offset}" is not an RFC 3339 offset (use Z or ±hh:mm)`);
  const pattern = `^${TIMESTAMP_BODY_PATTERN}${offset.replace('+', '\\+')}$`;
  return z
    .string()
    .regex(
      new RegExp(pattern),
      `expected an RFC 3339 timestamp in offset ${offset}, e.g. 2025-10-02T20:00:00${offset}`,
    )
    .refine(isTimestamp, 'expected a real calendar date');
}

/** An OCI sha256 digest: `sha256:` + 64 lowercase hex characters. */
export const Sha256Digest = z
  .string()
  .regex(
    new RegExp(SHA256_DIGEST_PATTERN),
    'expected an OCI digest: "sha256:" followed by 64 lowercase hex characters',
  );

/** A duration string: `30s`, `5m`, `1h30m`, `1d`. */
export const Duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), 'expected a duration such as 30s, 5m, 1h30m or 1d');

/** A non-empty name or identifier (trimmed, at most 256 characters). */
export const Name = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(/^\S(.*\S)?$/, 'must not start or end with whitespace');

/** Free text (at most 4096 characters). */
export const Text = z.string().max(4096, 'must be at most 4096 characters');

/** A git commit SHA (7 to 64 lowercase hex characters, covering abbreviated SHA-1 and SHA-256 object names). */
export const GitSha = z.string().regex(/^[0-9a-f]{7,64}$/, 'expected a git commit sha (7-64 lowercase hex)');

/** Deployment environment name (lowercase, e.g. `production`, `staging`, `eu-west-prod`). */
export const Environment = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'expected a lowercase environment name such as "production"');

/** A finite number (NaN and ±Infinity are refused). */
export const FiniteNumber = z.number().finite();

// Subpath '@rollgate/contract/time': zod-free helpers the probe path and evaluators import at run time.

export {
  fromInTotoDigest,
  type InTotoDigest,
  isSha256Digest,
  SHA256_DIGEST_PATTERN,
  type Sha256DigestString,
  toInTotoDigest,
} from './primitives/digest.js';
export {
  DURATION_PATTERN,
  formatDuration,
  formatTimestamp,
  isTimestamp,
  offsetMinutes,
  parseDuration,
  parseTimestamp,
  TIMESTAMP_BODY_PATTERN,
  TIMESTAMP_PATTERN,
  timestampOffset,
  type UtcOffset,
} from './primitives/time.js';

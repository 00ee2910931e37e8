// Zod-free digest helpers: the OCI form `sha256:<64 lowercase hex>` and in-toto's `{ sha256: hex }`.

/** Pattern of an OCI sha256 digest: `sha256:` followed by 64 lowercase hex characters. */
export const SHA256_DIGEST_PATTERN = '^sha256:[0-9a-f]{64}$';
const DIGEST_RE = new RegExp(SHA256_DIGEST_PATTERN);
const HEX_RE = /^[0-9a-f]{64}$/;

/** An OCI sha256 digest string. */
export type Sha256DigestString = `sha256:${string}`;

/** An in-toto / SLSA DigestSet holding a sha256 value. */
export interface InTotoDigest {
  /** 64 lowercase hex characters. */
  sha256: string;
}

/** True when the value is an OCI sha256 digest. */
export function isSha256Digest(value: unknown): value is Sha256DigestString {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

/** Converts `sha256:<hex>` to in-toto's `{ sha256: hex }`; throws a TypeError for anything else. */
export function toInTotoDigest(digest: string): InTotoDigest {
  if (!isSha256Digest(digest)) {
    throw new TypeError(
      `"${digest.slice(0, 80)}" is not an OCI digest (expected sha256: + 64 lowercase hex)`,
    );
  }
  return { sha256: digest.slice('sha256:'.length) };
}

/** Converts in-toto's `{ sha256: hex }` to `sha256:<hex>`; upper-case hex is normalised, anything else throws. */
export function fromInTotoDigest(digestSet: InTotoDigest): Sha256DigestString {
  const hex = typeof digestSet?.sha256 === 'string' ? digestSet.sha256.toLowerCase() : '';
  if (!HEX_RE.test(hex)) throw new TypeError('in-toto digest has no valid sha256 value (64 hex characters)');
  return `sha256:${hex}`;
}

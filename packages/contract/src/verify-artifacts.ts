import { createHash } from 'node:crypto';
import type { ReleaseManifest } from './documents/release.js';
import { errorMessage } from './errors/describe-value.js';

/** One artifact whose recomputed digest does not match the manifest, or whose bytes could not be read. */
export interface ArtifactMismatch {
  /** Index in `artifacts`. */
  index: number;
  /** Artifact name. */
  name: string;
  /** Digest the manifest declares. */
  expected: string;
  /** Digest of the bytes read, or undefined when they could not be read. */
  actual?: string;
  /** Why the artifact failed. */
  message: string;
}

/** Result of `verifyArtifacts`: every artifact checked, every mismatch reported. */
export interface ArtifactVerification {
  /** True when every artifact matched. */
  ok: boolean;
  /** How many artifacts were checked. */
  checked: number;
  /** Every mismatch or unreadable artifact. */
  mismatches: ArtifactMismatch[];
}

/** Bytes of one artifact, or a stream of chunks; the manifest entry is passed so callers can locate the file. */
export type ReadArtifactBytes = (
  artifact: ReleaseManifest['artifacts'][number],
) => Promise<Uint8Array | AsyncIterable<Uint8Array>> | Uint8Array | AsyncIterable<Uint8Array>;

/**
 * Recomputes the sha256 of every artifact in the manifest and reports every mismatch (it does not stop
 * at the first). A reader that throws marks that artifact as failed, with the reason.
 */
export async function verifyArtifacts(
  manifest: Pick<ReleaseManifest, 'artifacts'>,
  readBytes: ReadArtifactBytes,
): Promise<ArtifactVerification> {
  const mismatches: ArtifactMismatch[] = [];
  const results = await Promise.all(
    manifest.artifacts.map(async (artifact, index) => {
      try {
        const hash = createHash('sha256');
        const bytes = await readBytes(artifact);
        if (bytes instanceof Uint8Array) hash.update(bytes);
        else for await (const chunk of bytes) hash.update(chunk);
        return { index, artifact, actual: `sha256:${hash.digest('hex')}` as string, error: undefined };
      } catch (error) {
        return {
          index,
          artifact,
          actual: undefined,
          error: errorMessage(error),
        };
      }
    }),
  );
  for (const { index, artifact, actual, error } of results) {
    if (actual === undefined) {
      mismatches.push({
        index,
        name: artifact.name,
        expected: artifact.hash,
        message: `could not read artifact: ${error}`,
      });
    } else if (actual !== artifact.hash) {
      mismatches.push({
        index,
        name: artifact.name,
        expected: artifact.hash,
        actual,
        message: `digest mismatch: manifest says ${artifact.hash}, bytes hash to ${actual}`,
      });
    }
  }
  return { ok: mismatches.length === 0, checked: manifest.artifacts.length, mismatches };
}

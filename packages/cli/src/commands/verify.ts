// `rollgate verify --manifest F --signature F.dsse.json --pub key.pub [--artifacts DIR]`: the DSSE signature over
// exactly this manifest, and with --artifacts every artifact's sha256 recomputed from DIR/<name> (or the one file
// DIR/<name>.*). Exit 0 verified, 1 a check failed (each with its own reason), 2 an unreadable file.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ArtifactVerification, verifyArtifacts } from '@rollgate/contract';
import { verifyManifestSignature } from '@rollgate/contract/release';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { printIssues, readDocument, readSmallText } from './release-files.js';

/** Flags of `rollgate verify`. */
export interface VerifyOptions {
  /** The release manifest. */
  manifest: string;
  /** The DSSE envelope `rollgate sign` wrote. */
  signature: string;
  /** Ed25519 public key, PEM (SPKI). */
  pub: string;
  /** Directory holding the artifact files, named after each artifact. */
  artifacts?: string;
  /** Print `{ verified, signature, artifacts }` as JSON. */
  json?: boolean;
}

/** The file of an artifact in `dir`: `dir/<name>`, else the single `dir/<name>.<ext>`. */
async function artifactFile(dir: string, name: string): Promise<string> {
  const entries = await readdir(dir);
  if (entries.includes(name)) return join(dir, name);
  const candidates = entries.filter((e) => e.startsWith(`${name}.`));
  if (candidates.length === 1) return join(dir, candidates[0] as string);
  throw new Error(
    candidates.length === 0
      ? `no file ${name} or ${name}.* in ${dir}`
      : `several files match ${name}.* in ${dir}`,
  );
}

/** Runs `rollgate verify`. */
export async function verifyCommand(options: VerifyOptions, io: CliIo): Promise<ExitCode> {
  const manifest = await readDocument(io, 'verify', 'release-manifest', options.manifest);
  if (!manifest.ok) return manifest.code;
  const envelope = await readDataFile(resolve(io.cwd, options.signature), {
    maxBytes: DOCUMENT_MAX_BYTES,
    format: 'json',
  });
  if (!envelope.ok) {
    printIssues(io, 'verify', options.signature, envelope.issues);
    return EXIT.USAGE;
  }
  const pub = await readSmallText(io, 'verify', options.pub);
  if (pub === undefined) return EXIT.USAGE;
  const signature = verifyManifestSignature(manifest.raw, envelope.value, pub);
  let artifacts: ArtifactVerification | undefined;
  if (options.artifacts !== undefined) {
    const dir = resolve(io.cwd, options.artifacts);
    artifacts = await verifyArtifacts(manifest.value, async (a) =>
      createReadStream(await artifactFile(dir, a.name)),
    );
  }
  const verified = signature.ok && (artifacts?.ok ?? true);
  if (options.json) {
    printJson(io, { verified, signature, ...(artifacts ? { artifacts } : {}) });
    return verified ? EXIT.OK : EXIT.INVALID;
  }
  const style = styleFor(io.stdout, io);
  io.stdout.write(
    signature.ok
      ? `${style.good('✓ signature')} ${options.manifest}: signed by ${signature.keyid}\n`
      : `${style.bad(`✗ ${signature.reason}`)} ${options.manifest}: ${signature.message}\n`,
  );
  if (artifacts) {
    for (const m of artifacts.mismatches)
      io.stdout.write(
        `${style.bad(m.actual ? '✗ artifact_mismatch' : '✗ artifact_unreadable')} ${m.name}: ${m.message}\n`,
      );
    if (artifacts.ok)
      io.stdout.write(
        `${style.good('✓ artifacts')} ${artifacts.checked} of ${artifacts.checked} match their digests\n`,
      );
  }
  return verified ? EXIT.OK : EXIT.INVALID;
}

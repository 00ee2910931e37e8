// `rollgate sign --manifest F --key ed25519.pem [--out F.dsse.json]`: a DSSE envelope over the manifest's RFC 8785
// canonical JSON, signed with Ed25519. Exit 0 signed, 1 the manifest is invalid, 2 unreadable file or unusable key.
import { resolve } from 'node:path';
import { keyIdOf, signManifest } from '@rollgate/contract/release';
import { writeOutputFile } from '../files/write-output.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readDocument, readSmallText } from './release-files.js';

/** Flags of `rollgate sign`. */
export interface SignOptions {
  /** The release manifest to sign. */
  manifest: string;
  /** Ed25519 private key, PEM (PKCS#8). */
  key: string;
  /** Where to write the envelope (default: `<manifest>.dsse.json`). */
  out?: string;
  /** Print the envelope as JSON on stdout too. */
  json?: boolean;
}

/** Runs `rollgate sign`. */
export async function signCommand(options: SignOptions, io: CliIo): Promise<ExitCode> {
  const manifest = await readDocument(io, 'sign', 'release-manifest', options.manifest);
  if (!manifest.ok) return manifest.code;
  const pem = await readSmallText(io, 'sign', options.key);
  if (pem === undefined) return EXIT.USAGE;
  let envelope: ReturnType<typeof signManifest>;
  try {
    envelope = signManifest(manifest.raw, pem);
  } catch (error) {
    throw cliError(
      'ROLLGATE_ERR_CLI_INVALID_FLAG',
      '--key',
      `not an Ed25519 private key: ${(error as Error).message}`,
    );
  }
  const out = options.out ?? `${options.manifest}.dsse.json`;
  await writeOutputFile(resolve(io.cwd, out), `${JSON.stringify(envelope, null, 2)}\n`);
  if (options.json) {
    printJson(io, envelope);
    return EXIT.OK;
  }
  const style = styleFor(io.stdout, io);
  io.stdout.write(`${style.good('signed')} ${options.manifest} → ${out} (key ${keyIdOf(pem)})\n`);
  return EXIT.OK;
}

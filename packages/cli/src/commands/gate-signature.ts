// `rollgate gate --signature F.dsse.json --pub key.pub`: the CLI verifies the manifest's DSSE signature and hands
// the gate only the verdict, so evaluateGate stays pure and free of cryptography.
import { resolve } from 'node:path';
import type { GateSignature } from '@rollgate/core/gate';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { cliError } from '../output/errors.js';
import type { CliIo } from '../output/io.js';
import { printIssues, readSmallText } from './release-files.js';

/**
 * The signature verdict for the gate: undefined without `--signature`; `{ verified: false, reason }` when the
 * envelope is unreadable or does not verify over `manifest`; null when the key file cannot be read (exit 2).
 */
export async function gateSignature(
  options: { signature?: string; pub?: string },
  manifest: unknown,
  io: CliIo,
): Promise<GateSignature | undefined | null> {
  if (options.signature === undefined) {
    if (options.pub !== undefined)
      throw cliError('ROLLGATE_ERR_CLI_MISSING_FLAG', '--signature', 'with --pub');
    return undefined;
  }
  if (options.pub === undefined) throw cliError('ROLLGATE_ERR_CLI_MISSING_FLAG', '--pub', 'with --signature');
  const pub = await readSmallText(io, 'gate', options.pub);
  if (pub === undefined) return null;
  const envelope = await readDataFile(resolve(io.cwd, options.signature), {
    maxBytes: DOCUMENT_MAX_BYTES,
    format: 'json',
  });
  if (!envelope.ok) {
    printIssues(io, 'gate', options.signature, envelope.issues);
    return { verified: false, reason: 'envelope_unreadable' };
  }
  const { verifyManifestSignature } = await import('@rollgate/contract/release');
  const verdict = verifyManifestSignature(manifest, envelope.value, pub);
  return verdict.ok ? { verified: true } : { verified: false, reason: verdict.reason };
}

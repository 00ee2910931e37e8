// `rollgate gate --manifest F --policy F [--scorecard F] [--signals F] [--environment E] [--now ISO]
// [--signature F.dsse.json --pub key.pub]`: the
// deployment gate over files. Exit 0 approve, 3 waiver_required, 4 reject, 2 when an input cannot be read or
// the gate rejected because a document itself is malformed.
import { resolve } from 'node:path';
import type { GateDecision } from '@rollgate/contract';
import { evaluateGate } from '@rollgate/core/gate';
import { DOCUMENT_MAX_BYTES, readDataFile } from '../files/read-data.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine } from '../output/issues.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readNow } from './flags.js';
import { gateSignature } from './gate-signature.js';

/** Flags of `rollgate gate`. */
export interface GateOptions {
  /** Release manifest file (YAML or JSON). */
  manifest: string;
  /** Gate policy file. */
  policy: string;
  /** Readiness scorecard file. */
  scorecard?: string;
  /** Live signals file: `{ p95_ms, error_rate, open_critical_incidents }`. */
  signals?: string;
  /** Environment deployed to (default: the manifest's). */
  environment?: string;
  /** Decision instant, RFC 3339 (default: now). */
  now?: string;
  /** DSSE envelope of the manifest (`rollgate sign`); verified with `pub`. */
  signature?: string;
  /** Ed25519 public key, PEM, that must have signed the manifest. */
  pub?: string;
  /** Print the contract's GateDecision as JSON. */
  json?: boolean;
}

// Reasons that mean "the documents are broken", not "the release is bad": the pipeline should fix its input.
const INPUT_REASONS = new Set(['POLICY_INVALID', 'MANIFEST_INVALID', 'INPUT_INVALID']);

/** Exit code of a gate decision. */
export function gateExitCode(decision: GateDecision): ExitCode {
  if (decision.reasons.some((r) => INPUT_REASONS.has(r.code))) return EXIT.USAGE;
  if (decision.decision === 'approve') return EXIT.OK;
  if (decision.decision === 'waiver_required') return EXIT.UNDECIDED;
  return EXIT.STOP;
}

/** Runs `rollgate gate`. */
export async function gateCommand(options: GateOptions, io: CliIo): Promise<ExitCode> {
  const now = readNow(options.now, Date.now);
  const files = {
    manifest: options.manifest,
    policy: options.policy,
    scorecard: options.scorecard,
    signals: options.signals,
  };
  const data: Record<string, unknown> = {};
  let unreadable = false;
  const err = styleFor(io.stderr, io);
  for (const [name, file] of Object.entries(files)) {
    if (file === undefined) continue;
    const read = await readDataFile(resolve(io.cwd, file), { maxBytes: DOCUMENT_MAX_BYTES });
    if (read.ok) data[name] = read.value;
    else {
      unreadable = true;
      for (const issue of read.issues)
        io.stderr.write(`${err.bad('rollgate gate:')} ${issueLine(file, issue)}\n`);
    }
  }
  if (unreadable) return EXIT.USAGE;
  const signature = await gateSignature(options, data.manifest, io);
  if (signature === null) return EXIT.USAGE;
  const decision = evaluateGate({
    ...(signature !== undefined ? { signature } : {}),
    policy: data.policy as never,
    manifest: data.manifest as never,
    ...(data.scorecard !== undefined ? { scorecard: data.scorecard as never } : {}),
    ...(data.signals !== undefined ? { signals: data.signals as never } : {}),
    ...(options.environment !== undefined ? { environment: options.environment } : {}),
    now: now.ms,
    offset: now.offset,
  });
  const code = gateExitCode(decision);
  if (options.json) {
    printJson(io, decision);
    return code;
  }
  const style = styleFor(io.stdout, io);
  const paint =
    decision.decision === 'approve' ? style.good : decision.decision === 'reject' ? style.bad : style.warn;
  const where = decision.environment === undefined ? '' : ` to ${decision.environment}`;
  io.stdout.write(
    `${paint(style.bold(decision.decision.toUpperCase()))} ${decision.release_id}${where} at ${decision.decided_at}\n`,
  );
  for (const reason of decision.reasons) {
    const mark =
      reason.code === 'POLICY_PASSED' || reason.code === 'WAIVER_APPLIED' ? style.good('✓') : paint('✗');
    const limit =
      reason.limit === undefined
        ? ''
        : style.dim(` (observed ${shown(reason.observed)}, limit ${shown(reason.limit)})`);
    io.stdout.write(`  ${mark} ${reason.code.padEnd(24)} ${reason.message}${limit}\n`);
  }
  io.stdout.write(style.dim(`  input ${decision.input_hash ?? '—'}\n`));
  return code;
}

/** A reason's value for a person: numbers to six significant digits (a rehearsal's age in days has sixteen). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'number' ? String(Number.parseFloat(value.toPrecision(6))) : String(value);
}

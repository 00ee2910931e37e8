// `rollgate approve --manifest F --role R --actor A [--reason TEXT] [--policy gate.yml] [--now ISO]`: appends a
// timestamped approval to a JSON release manifest. One approve at a time per manifest (proper-lockfile: a lock
// directory beside it, retried with backoff, taken over when stale), and the file is replaced atomically, so
// concurrent approvals are all kept and a crash never leaves half a file.
// Exit 0 appended or already there, 1 refused (role not on the roster, manifest or approval invalid), 2 bad input.
import { resolve } from 'node:path';
import { appendApproval } from '@rollgate/contract/release';
import { formatTimestamp } from '@rollgate/contract/time';
import lockfile from 'proper-lockfile';
import { writeOutputFile } from '../files/write-output.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { readNow } from './flags.js';
import { printIssues, readDocument, readSmallText } from './release-files.js';

/** Flags of `rollgate approve`. */
export interface ApproveOptions {
  /** The release manifest (JSON) to append to. */
  manifest: string;
  /** The approver's role, e.g. `change-board`. */
  role: string;
  /** Who approved. */
  actor: string;
  /** Why, recorded with the approval. */
  reason?: string;
  /** Gate policy whose roster for the manifest's environment must list the role. */
  policy?: string;
  /** Approval time, RFC 3339 (default: now). */
  now?: string;
  /** Print `{ added, approval, approvals }` as JSON. */
  json?: boolean;
}

// Two dozen approvers at once wait at most a few seconds; a crashed holder's lock is taken over after `stale`.
const LOCK = {
  stale: 10_000,
  retries: { retries: 200, factor: 1.3, minTimeout: 10, maxTimeout: 250, randomize: true },
};

/** Runs `rollgate approve`. */
export async function approveCommand(options: ApproveOptions, io: CliIo): Promise<ExitCode> {
  const now = readNow(options.now, Date.now);
  const approval = {
    role: options.role,
    actor: options.actor,
    timestamp: formatTimestamp(now.ms, now.offset),
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  };
  let policy: Parameters<typeof appendApproval>[2] = {};
  if (options.policy !== undefined) {
    const read = await readDocument(io, 'approve', 'gate-policy', options.policy);
    if (!read.ok) return read.code;
    policy = { policy: read.value };
  }
  const file = resolve(io.cwd, options.manifest);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, LOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') {
      printIssues(io, 'approve', options.manifest, [
        { code: 'unreadable', path: '', message: 'file not found' },
      ]);
      return EXIT.USAGE;
    }
    throw cliError(
      'ROLLGATE_ERR_CLI_CANNOT_WRITE',
      options.manifest,
      `could not lock it: ${(error as Error).message}`,
    );
  }
  try {
    // Read under the lock: the text another approve just wrote is the one we append to.
    const text = await readSmallText(io, 'approve', options.manifest);
    if (text === undefined) return EXIT.USAGE;
    const result = appendApproval(text, approval, policy);
    if (!result.ok) {
      printIssues(io, 'approve', options.manifest, result.issues);
      return EXIT.INVALID;
    }
    if (result.value.added) await writeOutputFile(file, result.value.text);
    if (options.json) {
      printJson(io, { added: result.value.added, approval, approvals: result.value.manifest.approvals });
      return EXIT.OK;
    }
    const style = styleFor(io.stdout, io);
    io.stdout.write(
      result.value.added
        ? `${style.good('approved')} ${result.value.manifest.release}: ${approval.role} by ${approval.actor} at ${approval.timestamp} (${result.value.manifest.approvals.length} approvals)\n`
        : `${style.dim('unchanged')} ${result.value.manifest.release}: ${approval.role} by ${approval.actor} is already recorded\n`,
    );
    return EXIT.OK;
  } finally {
    await release();
  }
}

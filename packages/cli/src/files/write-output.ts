// Every file a command writes goes through here: write-file-atomic writes a temp file in the same directory,
// fsyncs it and renames it over the target, so a crash or a full disk never leaves a half-written file behind.
import writeFileAtomic from 'write-file-atomic';
import { cliError } from '../output/errors.js';

/** Writes `text` to `file` atomically; a failure throws the CLI's `ROLLGATE_ERR_CLI_CANNOT_WRITE` (exit 2). */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text, { encoding: 'utf8', fsync: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'ENOENT'
        ? 'the directory does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw cliError('ROLLGATE_ERR_CLI_CANNOT_WRITE', file, why);
  }
}

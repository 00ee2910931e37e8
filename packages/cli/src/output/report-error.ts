import { errorMessage, isRollgateError } from '@rollgate/contract/errors';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { styleFor } from './style.js';

/**
 * Prints what went wrong as one line on stderr and returns the exit code: 2 for a rollgate error (a flag or setup
 * the user can fix), 70 for anything else (a bug). The stack only with `--debug`: a person reads the line, a
 * maintainer asks for the stack.
 */
export function reportError(error: unknown, io: CliIo, command: string, debug: boolean): ExitCode {
  const style = styleFor(io.stderr, io);
  const known = isRollgateError(error);
  const message = errorMessage(error);
  const firstLine = message.split('\n')[0] ?? '';
  const prefix = command === '' ? 'rollgate' : `rollgate ${command}`;
  if (known) {
    io.stderr.write(`${style.bad(`${prefix}:`)} ${firstLine}\n`);
  } else {
    const hint = debug ? '' : ' (run again with --debug for the stack)';
    io.stderr.write(`${style.bad(`${prefix}: internal error:`)} ${firstLine}${hint}\n`);
  }
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return known ? EXIT.USAGE : EXIT.INTERNAL;
}

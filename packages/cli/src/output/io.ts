// Where a command writes, and whether it may colour: the process's streams in the bin, strings in tests.

/** A stream a command writes to. */
export interface CliStream {
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
  /** True when a person is watching (a terminal), so colour and progress are welcome. */
  readonly isTTY?: boolean;
}

/** The outside world of one command run. */
export interface CliIo {
  /** Results: what a pipe receives. */
  readonly stdout: CliStream;
  /** Errors, notes and progress. */
  readonly stderr: CliStream;
  /** Environment variables (`NO_COLOR`, `FORCE_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths start from. */
  readonly cwd: string;
  /** Standard input, for a file given as `-`; absent where there is none. */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
}

/** The running process's streams, environment and directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    // A getter: Node opens the stdin stream on first access, which only `validate -` needs.
    get stdin() {
      return process.stdin;
    },
  };
}

/**
 * Colour only for a person: a TTY, and no `NO_COLOR` (https://no-color.org: any non-empty value). `FORCE_COLOR`
 * (non-empty, not `0`) turns it on for tools that render ANSI themselves.
 */
export function wantsColour(stream: CliStream, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

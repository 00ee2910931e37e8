/**
 * Exit codes of every `rollgate` command; stable, documented in the package README. A command uses the subset
 * its table row names.
 */
export const EXIT = {
  /** Valid, approved, promote/continue/hold. */
  OK: 0,
  /** `validate`: at least one document is invalid. */
  INVALID: 1,
  /** Bad input: an unreadable file, an unknown kind, a bad flag or document the command cannot judge. */
  USAGE: 2,
  /** Needs a person: the gate's waiver_required, the analysis's inconclusive. */
  UNDECIDED: 3,
  /** Stop: the gate's reject, the analysis's rollback or block. */
  STOP: 4,
  /** A bug in rollgate itself (never an input mistake); `--debug` prints the stack. */
  INTERNAL: 70,
} as const;

/** One of the exit codes in `EXIT`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

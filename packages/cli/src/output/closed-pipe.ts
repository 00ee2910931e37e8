// A reader that goes away early (`rollgate schema | head -1`, a CI step that stops reading) makes the next write
// fail with EPIPE, which Node raises as an 'error' event: with no listener, the process dies with a stack trace
// and exit code 1, hiding the command's own verdict. Unix tools die quietly of SIGPIPE instead; rollgate does
// one better for pipelines under `set -o pipefail`: it drops the output nobody reads and still exits with the
// command's own code (0 valid, 4 reject…).

/** A stream whose write failures arrive as 'error' events (the process's stdout and stderr). */
export interface ErrorEmitter {
  /** Registers a listener. */
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Makes a closed pipe on `stream` end its output, not the process. Any other write error (a full disk behind a
 * redirect) calls `onFailure` (the bin exits 70: the command could not deliver its output) and is reported once
 * on `report`.
 */
export function survivePipeClose(
  stream: ErrorEmitter,
  report: (message: string) => void,
  onFailure: () => void,
): void {
  let reported = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    onFailure();
    if (reported) return;
    reported = true;
    report(`rollgate: cannot write the output: ${error.message}\n`);
  });
}

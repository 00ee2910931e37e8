// Progress of long work (Prometheus range queries) for a person at a terminal: a nanospinner line on stderr,
// rewritten in place. On a pipe, in CI or with NO_COLOR's sibling TERM=dumb there is no progress at all, so a log
// or a parsed stdout never carries animation. nanospinner is imported only when a spinner will be shown.
import type { CliIo, CliStream } from './io.js';

/** One progress report: `done` of `total` units (queries), and what is being done now. */
export interface ProgressEvent {
  /** Units finished. */
  done: number;
  /** Units in all. */
  total: number;
  /** What runs now, e.g. the metric being queried. */
  label?: string;
}

/** A progress display; every method is safe to call when nothing is shown. */
export interface Progress {
  /** Shows the latest state. */
  update(event: ProgressEvent): void;
  /** Removes the line (work finished or failed). */
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/** True when progress may be drawn on `stream`: a terminal, not CI, not a dumb terminal. */
export function showsProgress(stream: CliStream, io: CliIo): boolean {
  return stream.isTTY === true && io.env.CI === undefined && io.env.TERM !== 'dumb';
}

/** A progress display on `stream`, or one that shows nothing when no person is watching. */
export function createProgress(stream: CliStream, io: CliIo): Progress {
  if (!showsProgress(stream, io)) return SILENT;
  type Spinner = import('nanospinner').Spinner;
  let spinner: Spinner | null = null;
  let latest: ProgressEvent | null = null;
  let closed = false;
  const text = (e: ProgressEvent) => `querying ${e.done}/${e.total}${e.label ? ` ${e.label}` : ''}`;
  const loading = import('nanospinner').then(({ createSpinner }) => {
    if (closed) return;
    spinner = createSpinner(latest ? text(latest) : 'querying', {
      stream: stream as NodeJS.WriteStream,
    }).start();
  });
  loading.catch(() => {});
  return {
    update(event) {
      latest = event;
      (spinner as Spinner | null)?.update({ text: text(event) });
    },
    done() {
      closed = true;
      (spinner as Spinner | null)?.stop();
      (spinner as Spinner | null)?.clear();
    },
  };
}

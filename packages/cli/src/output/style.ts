import { createColors } from 'picocolors';
import { type CliIo, type CliStream, wantsColour } from './io.js';

/** The few styles human output uses; each is the identity when colour is off. */
export interface Style {
  /** Good news: valid, approve, promote. */
  good(text: string): string;
  /** Bad news: invalid, reject, rollback. */
  bad(text: string): string;
  /** Needs a person: waiver, hold, inconclusive. */
  warn(text: string): string;
  /** Secondary text. */
  dim(text: string): string;
  /** Emphasis. */
  bold(text: string): string;
}

/** The style for one stream of `io`: colours only when that stream is a terminal and `NO_COLOR` is unset. */
export function styleFor(stream: CliStream, io: CliIo): Style {
  const c = createColors(wantsColour(stream, io.env));
  return { good: c.green, bad: c.red, warn: c.yellow, dim: c.dim, bold: c.bold };
}

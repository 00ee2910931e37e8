// The one redactor every error message leaving the engine passes through: report bodies, failures,
// spans, telemetry events and log lines. Order: cut the input to the scan limit, hide the host's registered
// secrets (exact values, secrets.ts), apply the built-in patterns (redact-patterns.ts), then the host's
// patterns, then the output cap. Redaction runs before the cap, so a cut can never split a secret into a shape
// the patterns no longer recognise.
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { rollgateError } from '../errors.js';
import { BUILT_IN_RULES, REDACTED, type RedactionRule } from './redact-patterns.js';
import { createSecretSet, type SecretSet, secretProblem } from './secrets.js';

export { REDACTED } from './redact-patterns.js';

/** Longest message the engine lets out, in characters (a cut message ends with `…`). */
export const DEFAULT_MAX_MESSAGE_LENGTH = 512;

/**
 * Input beyond this many characters is dropped before anything is matched. Every built-in pattern does bounded
 * work per character, so redaction is linear in the text, and this bound makes its worst case a constant: a probe
 * rejecting with megabytes of text costs what 16 KB costs. It is far above the largest output cap (4096), so
 * nothing cut here could ever have been shown.
 */
export const REDACTION_SCAN_LIMIT = 16_384;

/** Options of `createRedactor`. */
export interface RedactorOptions {
  /** Extra patterns; every match is replaced by `***`. A pattern without the `g` flag still replaces every match. */
  patterns?: readonly RegExp[];
  /** Output cap in characters (default 512). */
  maxLength?: number;
  /**
   * Exact values to hide wherever they appear, raw, URL-encoded or base64 (each at least `MIN_SECRET_LENGTH`
   * characters; shorter ones are ignored here, refused by `createHealth`), or a set that may grow (the engine's).
   */
  secrets?: readonly string[] | SecretSet;
}

/** A redactor: returns the message with secrets replaced and its length capped. */
export type Redactor = (message: string) => string;

// `satisfies` makes the compiler list every key of RedactorOptions here, so a new one cannot be forgotten.
const REDACTOR_OPTION_KEYS = Object.keys({
  patterns: true,
  maxLength: true,
  secrets: true,
} satisfies Record<keyof RedactorOptions, true>);

/**
 * Builds the redactor: registered secrets, the built-in rules, then the host's patterns, then the length cap.
 * Throws `ROLLGATE_ERR_UNKNOWN_OPTION` for a misspelt key and `ROLLGATE_ERR_INVALID_OPTION` for a wrong-typed
 * value: a redactor silently built without the host's patterns or cap would let out what they were meant to hide.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  checkRedactorOptions(options);
  const maxLength = options.maxLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  const secrets = Array.isArray(options.secrets)
    ? createSecretSet(options.secrets.filter((value) => secretProblem(value) === undefined))
    : ((options.secrets as SecretSet | undefined) ?? createSecretSet());
  // Copies with the `g` flag: replace() then covers every match and no caller-owned lastIndex is touched.
  const hostRules: RedactionRule[] = (options.patterns ?? []).map((pattern) => [
    new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    REDACTED,
  ]);
  const rules = [...BUILT_IN_RULES, ...hostRules];
  return (message: string): string => {
    let text = typeof message === 'string' ? message : String(message);
    if (text.length > REDACTION_SCAN_LIMIT) text = text.slice(0, REDACTION_SCAN_LIMIT);
    // Exact values first: a pattern hiding part of a secret could leave the rest of it unrecognisable.
    text = secrets.redact(text, REDACTED);
    for (const [pattern, replace] of rules) {
      text = typeof replace === 'string' ? text.replace(pattern, replace) : text.replace(pattern, replace);
    }
    return capLength(text, maxLength);
  };
}

function checkRedactorOptions(options: RedactorOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw rollgateError('ROLLGATE_ERR_INVALID_ARGUMENT', 'options', 'createRedactor expects an object');
  }
  rejectUnknownOptions(options, REDACTOR_OPTION_KEYS, 'createRedactor');
  const { patterns, maxLength, secrets } = options;
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'maxLength', 'expected a positive integer');
  }
  if (patterns !== undefined && (!Array.isArray(patterns) || !patterns.every((p) => p instanceof RegExp))) {
    throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', 'patterns', 'expected an array of RegExp');
  }
  const isSet = typeof (secrets as SecretSet | undefined)?.redact === 'function';
  const isList = Array.isArray(secrets) && secrets.every((value) => typeof value === 'string');
  if (secrets !== undefined && !isSet && !isList) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'secrets',
      'expected an array of strings or a secret set',
    );
  }
}

/** Cuts text to `max` characters, ending with `…` when cut, without splitting a surrogate pair. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

// The one redactor every error message leaving the engine passes through: report bodies, failures,
// spans, telemetry events and log lines. Redaction runs before the length cap, so a cut can never
// split a secret into a shape the patterns no longer recognise.

/** Replacement written where a secret was. */
export const REDACTED = '***';

/** Longest message the engine lets out, in characters (a cut message ends with `…`). */
export const DEFAULT_MAX_MESSAGE_LENGTH = 512;

// Input beyond this is dropped before the patterns run, so a probe rejecting with megabytes of text
// costs microseconds, not a blocked event loop. It is far above the output cap, so nothing cut here
// could ever have been shown.
const SCAN_LIMIT = 16_384;

type Rule = readonly [pattern: RegExp, replace: string | ((match: string, ...groups: string[]) => string)];

const SECRET_KEYS =
  'password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|session[_-]?id|cookie';

/** Built-in rules, applied in order. Each keeps enough context (scheme, user, key name) to triage. */
const BUILT_IN: readonly Rule[] = [
  // PEM private keys, whole block.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  // Credentials in URLs: scheme://user:password@host → scheme://user:***@host (user may be empty, as in
  // redis://:pw@host). The password runs to the last `@` before the path, so `p@ss` is covered.
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s/?#]*)@/gi, `$1$2:${REDACTED}@`],
  // Authorization headers, with or without a scheme word: keep the scheme, hide the credential.
  [
    /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|token|negotiate|aws4-hmac-sha256)\s+)?[^\s"',;]+/gi,
    (_m, head: string, scheme: string | undefined) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Bare bearer / basic credentials anywhere else.
  [/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`],
  // key=value and key: value pairs, query strings and JSON included (password=, token=, "secret":"…").
  [
    new RegExp(`\\b([\\w.-]*(?:${SECRET_KEYS})[\\w.-]*)(["']?\\s*[=:]\\s*["']?)([^\\s"'&;,)}\\]]+)`, 'gi'),
    `$1$2${REDACTED}`,
  ],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // AWS access key ids (AKIA… long-term, ASIA… temporary, and the other documented prefixes).
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g, REDACTED],
  // AWS secret access keys: 40 base64 characters mixing cases. Requiring both cases and a digit or
  // `/`/`+` keeps 40-character hex digests (git SHAs) and plain words out.
  [
    /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9/+])[A-Za-z0-9/+]{40}/g,
    REDACTED,
  ],
  // Well-known token formats: GitHub, Slack, Stripe, Google API keys.
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|[rs]k_live_[A-Za-z0-9]{16,}|AIza[A-Za-z0-9_-]{35})\b/g,
    REDACTED,
  ],
];

/** Options of `createRedactor`. */
export interface RedactorOptions {
  /** Extra patterns; every match is replaced by `***`. A pattern without the `g` flag still replaces every match. */
  patterns?: readonly RegExp[];
  /** Output cap in characters (default 512). */
  maxLength?: number;
}

/** A redactor: returns the message with secrets replaced and its length capped. */
export type Redactor = (message: string) => string;

/** Builds the redactor: the built-in rules, then the host's patterns, then the length cap. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const maxLength = options.maxLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  // Copies with the `g` flag: replace() then covers every match and no caller-owned lastIndex is touched.
  const hostRules: Rule[] = (options.patterns ?? []).map((pattern) => [
    new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    REDACTED,
  ]);
  const rules = [...BUILT_IN, ...hostRules];
  return (message: string): string => {
    let text = typeof message === 'string' ? message : String(message);
    if (text.length > SCAN_LIMIT) text = text.slice(0, SCAN_LIMIT);
    for (const [pattern, replace] of rules) {
      text = typeof replace === 'string' ? text.replace(pattern, replace) : text.replace(pattern, replace);
    }
    return capLength(text, maxLength);
  };
}

/** Cuts text to `max` characters, ending with `…` when cut, without splitting a surrogate pair. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

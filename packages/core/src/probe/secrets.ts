// Exact-value redaction, as CI systems mask registered secrets: a value the host registers is hidden wherever it
// appears, raw or in the encodings an error message carries it in (URL-encoded, form-encoded, base64 and
// base64url, including inside a longer base64 blob such as a Basic credential). Patterns guess at secrets by
// their shape; this knows them.

/**
 * Shortest value `secrets` / `addSecret()` accept. Shorter values would hide ordinary words and numbers in every
 * message (`redis`, `5000`, `ok`), so they are refused; the built-in patterns still hide short passwords written as
 * `password=…` or in a URL.
 */
export const MIN_SECRET_LENGTH = 6;

/** Longest value accepted (a certificate fits; a whole file does not belong here). */
export const MAX_SECRET_LENGTH = 8192;

// A base64 fragment shorter than this is left alone: it would match too much unrelated base64.
const MIN_ENCODED_FRAGMENT = 8;

/** Why `value` cannot be registered as a secret, or undefined when it can. */
export function secretProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected a string, got ${typeof value}`;
  if (value.length < MIN_SECRET_LENGTH) {
    return `a secret must be at least ${MIN_SECRET_LENGTH} characters (shorter values would hide ordinary words)`;
  }
  if (value.length > MAX_SECRET_LENGTH) return `a secret must be at most ${MAX_SECRET_LENGTH} characters`;
  return undefined;
}

/** Every form a secret is searched for: raw, URL- and form-encoded, JSON-escaped, and base64/base64url at each byte alignment. */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const encoded = encodeURIComponent(value);
  forms.add(encoded);
  forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  forms.add(encoded.replace(/%20/g, '+'));
  // Inside JSON (a config or response echoed in an error), `"` and `\` reach the message escaped.
  forms.add(JSON.stringify(value).slice(1, -1));
  for (const fragment of base64Fragments(value)) {
    forms.add(fragment);
    forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

// A secret embedded in longer data (`user:secret` in a Basic header) starts at any byte offset, and base64 spells
// the same bytes differently at each offset mod 3. For each of the three alignments, keep only the characters
// that encode secret bytes alone: those are in the blob whatever surrounds the secret.
function base64Fragments(value: string): string[] {
  const bytes = new TextEncoder().encode(value);
  const fragments: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const padded = new Uint8Array(lead + bytes.length);
    padded.set(bytes, lead);
    const text = toBase64(padded);
    const firstGroup = lead === 0 ? 0 : 1;
    const lastGroup = Math.floor((lead + bytes.length) / 3);
    const fragment = text.slice(firstGroup * 4, lastGroup * 4);
    if (fragment.length >= MIN_ENCODED_FRAGMENT) fragments.push(fragment);
  }
  // The whole value encoded on its own, padding and all, is what `btoa(secret)` shows.
  fragments.push(toBase64(bytes));
  return fragments;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The registered secrets of one health. */
export interface SecretSet {
  /** Registers a value (already validated with `secretProblem`). */
  add(value: string): void;
  /** Replaces every registered secret, in every form, with `replacement`. */
  redact(text: string, replacement: string): string;
}

/** Creates a secret set holding `initial`. */
export function createSecretSet(initial: readonly string[] = []): SecretSet {
  const forms = new Set<string>();
  let pattern: RegExp | undefined;
  const add = (value: string): void => {
    for (const form of secretForms(value)) forms.add(form);
    pattern = undefined;
  };
  for (const value of initial) add(value);
  return {
    add,
    redact(text, replacement) {
      if (forms.size === 0) return text;
      // One alternation of literals, longest first so a secret's encoding wins over a shorter secret inside it.
      pattern ??= new RegExp(
        [...forms]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      );
      return text.replace(pattern, replacement);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

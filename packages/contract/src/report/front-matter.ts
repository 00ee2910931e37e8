// Markdown with YAML front matter, as static site generators and seed 000's `release_report.md` write it: a
// `---` line, YAML, a closing `---` (or `...`) line, then the Markdown body. Only the split lives here; what the
// YAML means is the caller's.

/** A front-matter file split in two: the YAML between the fences and the Markdown after them. */
export interface FrontMatterParts {
  /** YAML text between the opening and closing fences (without them). */
  frontMatter: string;
  /** Everything after the closing fence's line, untouched. */
  body: string;
}

// The opening fence must be the very first line (a BOM aside); the closing fence is the next line that is exactly
// `---` or `...`. A `---` inside a YAML block scalar is indented, so it never closes the front matter early.
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** True when `text` opens with a front-matter fence (`---` as its first line). */
export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text);
}

/** Splits `text` into front matter and body; null when it does not open with `---` or the fence is never closed. */
export function splitFrontMatter(text: string): FrontMatterParts | null {
  const opening = OPENING.exec(text);
  if (!opening) return null;
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return null;
  return {
    frontMatter: rest.slice(0, closing.index),
    body: rest.slice(closing.index + closing[0].length),
  };
}

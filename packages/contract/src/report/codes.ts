// Issue codes of reading a Markdown file with YAML front matter; schema issues keep the contract's own codes.

/** Codes of the issues `parseReleaseReport` and `splitFrontMatter`'s callers report. */
export const FRONT_MATTER_CODES = {
  /** The text does not begin with a `---` line, or the front matter is never closed. */
  missing: 'front_matter_missing',
  /** The front matter is not valid YAML. */
  syntax: 'syntax',
} as const;

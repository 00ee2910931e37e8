import { MAX_NAME_LENGTH, MAX_OPERATION_LENGTH } from './limits.js';

/**
 * Longest probe or service name, in bytes of UTF-8: the one length rule of names, which readyz's router
 * (`limits.maxNameBytes`) imports rather than restates, so every name the engine registers is reachable at
 * `/readyz/<name>`. Bytes, not characters: a URL carries bytes, and `'É'.repeat(200)` is 200 characters but
 * 400 bytes. A name within it is always a valid contract `Name` (at most 256 characters), since UTF-8 never
 * takes fewer bytes than UTF-16 takes code units.
 */
export const MAX_NAME_BYTES: number = MAX_NAME_LENGTH;

/**
 * Why `value` is not a usable name (1 to {@link MAX_NAME_BYTES} bytes of UTF-8, no surrounding whitespace, no
 * control characters, no lone surrogate), or undefined when it is one. `empty` is reported separately because
 * it has its own error code.
 */
export function nameProblem(value: unknown): 'empty' | string | undefined {
  const tooLong = `longer than ${MAX_NAME_BYTES} bytes of UTF-8`;
  // More UTF-16 units than the byte limit is more bytes too: refused before anything scans a huge string.
  const problem = labelProblem(value, MAX_NAME_BYTES);
  if (problem !== undefined) return problem.startsWith('longer than') ? tooLong : problem;
  // A lone surrogate has no UTF-8 form: no URL can name the probe, and encodeURIComponent throws on it.
  const bytes = utf8Length(value as string);
  if (bytes === undefined) return 'contains a lone surrogate (not encodable as UTF-8)';
  return bytes > MAX_NAME_BYTES ? tooLong : undefined;
}

/**
 * Why `value` is not a usable probe operation (1 to 64 characters, no surrounding whitespace, no
 * control characters: it is printed in front of `timeout after <n>ms`), or undefined when it is one.
 */
export function operationProblem(value: unknown): string | undefined {
  const problem = labelProblem(value, MAX_OPERATION_LENGTH);
  return problem === 'empty' ? 'must not be empty' : problem;
}

function labelProblem(value: unknown, maxLength: number): 'empty' | string | undefined {
  if (typeof value !== 'string') return `expected a string, got ${value === null ? 'null' : typeof value}`;
  if (value.trim() === '') return 'empty';
  if (value.length > maxLength) return `longer than ${maxLength} characters`;
  if (value !== value.trim()) return 'starts or ends with whitespace';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a control character';
  return undefined;
}

/** Bytes of `text` in UTF-8, or undefined when it holds a lone surrogate (which has no UTF-8 form). */
function utf8Length(text: string): number | undefined {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c > 0xdfff) bytes += 3;
    else if (c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next < 0xdc00 || next > 0xdfff) return undefined;
      bytes += 4;
      i += 1;
    } else return undefined;
  }
  return bytes;
}

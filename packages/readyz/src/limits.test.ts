import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLength, countUtf8Bytes, exceedsBytes } from './limits.js';

const encoder = new TextEncoder();
// Any UTF-16 code units, lone surrogates included (what a JavaScript string can hold).
const anyText = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

describe('content-length counts UTF-8 bytes as TextEncoder encodes them', () => {
  it('for ASCII, two-, three- and four-byte characters and lone surrogates', () => {
    for (const text of [
      '',
      '{"status":"ok"}',
      'é',
      '€',
      '😀',
      '\ud800',
      'a\udc00b',
      '\ud83d',
      'x\ud83d\ude00\ud800',
    ]) {
      expect(byteLength(text)).toBe(encoder.encode(text).length);
      expect(countUtf8Bytes(text)).toBe(encoder.encode(text).length);
    }
  });

  it('for any string, measured by the runtime or counted', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary' })), (text) => {
        const expected = encoder.encode(text).length;
        expect(countUtf8Bytes(text)).toBe(expected);
        expect(byteLength(text)).toBe(expected);
        expect(exceedsBytes(text, expected)).toBe(false);
        if (expected > 0) expect(exceedsBytes(text, expected - 1)).toBe(true);
      }),
    );
  });
});

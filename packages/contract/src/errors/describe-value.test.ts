import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, errorMessage, errorMessageWithCause } from './describe-value.js';

describe('describeValue', () => {
  it('quotes a string with JSON escapes and cuts it at 80 characters', () => {
    expect(describeValue('a "b"\n')).toBe('"a \\"b\\"\\n"');
    expect(describeValue('x'.repeat(200))).toBe(`"${'x'.repeat(80)}…"`);
  });

  it('writes scalars as they are and names every other value by its kind', () => {
    expect([1.5, true, null, undefined, 10n].map(describeValue)).toEqual([
      '1.5',
      'true',
      'null',
      'undefined',
      '10n',
    ]);
    expect([[1], new Date(0), () => 1, Symbol('s'), { secret: 'hunter2' }].map(describeValue)).toEqual([
      'an array',
      'a Date',
      'a function',
      'a symbol',
      'an object',
    ]);
  });

  it('never throws and never writes more than a short line, whatever the value (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withTypedArray: true }),
        (value) => {
          const text = describeValue(value);
          // 80 characters, each at most a 6-character JSON escape, the quotes and the ellipsis.
          expect(text.length).toBeLessThanOrEqual(80 * 6 + 3);
        },
      ),
    );
  });
});

describe('errorMessage', () => {
  it("is an Error's message, and any other thrown value as text", () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('errorMessageWithCause', () => {
  it("adds the cause's message, else its code, to undici's bare 'fetch failed'", async () => {
    // A real refused connection: undici keeps the reason in `cause`.
    const refused = await fetch('http://127.0.0.1:9/').catch((error: unknown) => error);
    expect(errorMessageWithCause(refused)).toBe('fetch failed: bad port');
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(errorMessageWithCause(new TypeError('fetch failed', { cause }))).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(errorMessageWithCause(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(
      'fetch failed: ECONNRESET',
    );
  });

  it('is errorMessage when there is no usable cause', () => {
    expect(errorMessageWithCause(new Error('boom'))).toBe('boom');
    expect(errorMessageWithCause(new Error('boom', { cause: 'text' }))).toBe('boom');
    expect(errorMessageWithCause(new Error('boom', { cause: {} }))).toBe('boom');
    expect(errorMessageWithCause('thrown text')).toBe('thrown text');
    expect(errorMessageWithCause(null)).toBe('null');
  });
});

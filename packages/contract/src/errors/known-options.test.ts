import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestKey, rejectUnknownOptions } from './known-options.js';
import { isRollgateError } from './rollgate-error.js';

describe('nearestKey', () => {
  it('suggests the key a typo or a missing unit suffix meant', () => {
    expect(nearestKey('probeTimeout', ['probeTimeoutMs', 'cacheTtlMs'])).toBe('probeTimeoutMs');
    expect(nearestKey('detail', ['details', 'metrics'])).toBe('details');
    expect(nearestKey('cachettlms', ['probeTimeoutMs', 'cacheTtlMs'])).toBe('cacheTtlMs');
    expect(nearestKey('intervl', ['intervalMs', 'graceMs'])).toBe('intervalMs');
  });

  it('suggests nothing when no key is close', () => {
    expect(nearestKey('banana', ['probeTimeoutMs', 'cacheTtlMs'])).toBeUndefined();
    expect(nearestKey('x', [])).toBeUndefined();
  });
});

describe('rejectUnknownOptions', () => {
  it('throws ROLLGATE_ERR_UNKNOWN_OPTION naming the call, the key and the suggestion', () => {
    try {
      rejectUnknownOptions({ details: 'never', detail: 'never' }, ['details'], 'createReadyz');
      expect.unreachable();
    } catch (error) {
      expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
      expect((error as Error).message).toBe('createReadyz: unknown option "detail"; did you mean "details"?');
    }
  });

  it('passes known keys, undefined and non-objects (their own type checks speak)', () => {
    expect(() => rejectUnknownOptions({ a: 1 }, ['a', 'b'], 'f')).not.toThrow();
    expect(() => rejectUnknownOptions(undefined, ['a'], 'f')).not.toThrow();
    expect(() => rejectUnknownOptions(42, ['a'], 'f')).not.toThrow();
  });

  it('on any object, throws exactly when a key is unknown', () => {
    const known = ['alpha', 'beta', 'gamma'];
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (options) => {
        const unknown = Object.keys(options).some((key) => !known.includes(key));
        let threw = false;
        try {
          rejectUnknownOptions(options, known, 'f');
        } catch (error) {
          threw = isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION');
        }
        expect(threw).toBe(unknown);
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});

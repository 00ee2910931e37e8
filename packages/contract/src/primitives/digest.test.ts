import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromInTotoDigest, type InTotoDigest, isSha256Digest, toInTotoDigest } from './digest.js';

const HEX = '58837eeb43cc24fccaaf0367f9e2cf1e2d7062eca69668429ff3a55f765ee776';
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('OCI and in-toto digests', () => {
  it('converts sha256:<hex> to { sha256: hex } and back', () => {
    expect(toInTotoDigest(`sha256:${HEX}`)).toEqual({ sha256: HEX });
    expect(fromInTotoDigest({ sha256: HEX })).toBe(`sha256:${HEX}`);
  });

  it('round-trips every digest', () => {
    fc.assert(
      fc.property(hex64, (hex) => {
        const digest = `sha256:${hex}`;
        expect(fromInTotoDigest(toInTotoDigest(digest))).toBe(digest);
        expect(toInTotoDigest(fromInTotoDigest({ sha256: hex }))).toEqual({ sha256: hex });
      }),
      { seed: 19, numRuns: 500 },
    );
  });

  it('matches what node:crypto computes for real bytes', () => {
    const hex = createHash('sha256').update('service-api@1.4.0\n').digest('hex');
    expect(fromInTotoDigest({ sha256: hex })).toBe(`sha256:${HEX}`);
  });

  it('normalises upper-case in-toto hex to the lower-case OCI form', () => {
    expect(fromInTotoDigest({ sha256: HEX.toUpperCase() })).toBe(`sha256:${HEX}`);
  });

  it.each([
    ['an elided digest', 'sha256:...'],
    ['upper-case hex', `sha256:${HEX.toUpperCase()}`],
    ['another algorithm', `sha512:${HEX}${HEX}`],
    ['no algorithm', HEX],
    ['63 characters', `sha256:${HEX.slice(1)}`],
    ['65 characters', `sha256:${HEX}0`],
    ['trailing space', `sha256:${HEX} `],
  ])('toInTotoDigest throws a TypeError for %s', (_, digest) => {
    expect(isSha256Digest(digest)).toBe(false);
    expect(() => toInTotoDigest(digest)).toThrow(TypeError);
  });

  it.each([
    ['a short value', { sha256: 'abc' }],
    ['non-hex characters', { sha256: `${HEX.slice(0, 63)}g` }],
    ['an OCI string inside', { sha256: `sha256:${HEX}` }],
    ['no sha256 key', { sha512: HEX }],
    ['a number', { sha256: 42 }],
    ['null', null],
    ['undefined', undefined],
  ])('fromInTotoDigest throws a TypeError for %s', (_, digestSet) => {
    expect(() => fromInTotoDigest(digestSet as unknown as InTotoDigest)).toThrow(TypeError);
  });

  it('keeps a long bad digest out of the error message', () => {
    expect(() => toInTotoDigest(`sha256:${'z'.repeat(10_000)}`)).toThrow(/^.{0,200}$/);
  });
});

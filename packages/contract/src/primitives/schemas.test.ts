import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSha256Digest } from './digest.js';
import {
  Duration,
  GitSha,
  Name,
  SchemaVersion,
  Sha256Digest,
  Timestamp,
  timestampWithOffset,
} from './schemas.js';
import { formatTimestamp, parseDuration } from './time.js';

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('timestampWithOffset("+08:00") (the observability profile)', () => {
  const profile = timestampWithOffset('+08:00');

  it.each([
    '2025-10-02T20:00:00+08:00',
    '2025-10-02T20:00:00.5+08:00',
    '2025-10-02T20:00:00.123456789+08:00',
    '2024-02-29T23:59:59+08:00',
  ])('accepts %s', (value) => {
    expect(accepts(profile, value)).toBe(true);
  });

  it.each([
    '2025-10-02T12:00:00Z',
    '2025-10-02T12:00:00+00:00',
    '2025-10-02T20:00:00+8:00',
    '2025-10-02T20:00:00+0800',
    '2025-10-02T20:30:00+08:30',
    '2025-10-02T04:00:00-08:00',
    '2025-10-02T20:00:00',
    '2025-10-02 20:00:00+08:00',
    '2025-02-30T20:00:00+08:00',
  ])('refuses %s', (value) => {
    expect(accepts(profile, value)).toBe(false);
  });

  it('tells the reader which offset it wants', () => {
    const result = profile.safeParse('2025-10-02T12:00:00Z');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('+08:00');
  });

  it('accepts whatever formatTimestamp writes in +08:00', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (d) => {
          expect(accepts(profile, formatTimestamp(d, '+08:00'))).toBe(true);
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it.each(['Z', '+00:00', '-05:30', '+14:00'])('builds a schema for any valid offset (%s)', (offset) => {
    const schema = timestampWithOffset(offset);
    expect(accepts(schema, `2025-10-02T20:00:00${offset}`)).toBe(true);
    expect(accepts(schema, '2025-10-02T20:00:00+08:00')).toBe(offset === '+08:00');
  });

  it.each(['+8:00', '08:00', '+24:00', '+08:60', 'UTC', 'z', '', '+08:00 ', 'GMT+8'])(
    'throws a RangeError for the invalid offset %j',
    (offset) => {
      expect(() => timestampWithOffset(offset)).toThrow(RangeError);
    },
  );
});

describe('Timestamp (no profile)', () => {
  it.each([
    '2025-10-02T12:00:00Z',
    '2025-10-02T12:00:00+00:00',
    '2025-10-02T20:00:00+08:00',
    '2025-10-02T06:30:00-05:30',
    '2025-10-02T12:00:00.000Z',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2025-12-31T23:59:59Z',
  ])('accepts %s', (value) => {
    expect(accepts(Timestamp, value)).toBe(true);
  });

  it.each([
    ['no offset', '2025-10-02T12:00:00'],
    ['a day that does not exist', '2025-02-30T12:00:00Z'],
    ['29 February of a common year', '2025-02-29T12:00:00Z'],
    ['29 February 1900 (not a leap year)', '1900-02-29T12:00:00Z'],
    ['31 April', '2025-04-31T12:00:00Z'],
    ['month 13', '2025-13-01T12:00:00Z'],
    ['hour 24', '2025-10-02T24:00:00Z'],
    ['a date only', '2025-10-02'],
    ['an epoch number as text', '1759406400000'],
    ['a space instead of T', '2025-10-02 12:00:00Z'],
    ['an offset hour of 24', '2025-10-02T12:00:00+24:00'],
    ['a leap second (JavaScript dates cannot hold one)', '2016-12-31T23:59:60Z'],
    ['second 60 at any other minute', '2025-10-02T20:00:60+08:00'],
  ])('refuses %s', (_, value) => {
    expect(accepts(Timestamp, value)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const value of [1_759_406_400_000, null, new Date(), {}])
      expect(accepts(Timestamp, value)).toBe(false);
  });
});

describe('Duration', () => {
  it('accepts exactly the strings parseDuration understands', () => {
    const part = fc.tuple(
      fc.integer({ min: 0, max: 999 }),
      fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'x', ''),
    );
    const candidate = fc.oneof(
      fc
        .array(part, { minLength: 1, maxLength: 4 })
        .map((parts) => parts.map(([n, u]) => `${n}${u}`).join('')),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        expect(accepts(Duration, text)).toBe(parseDuration(text) !== undefined);
      }),
      { seed: 11, numRuns: 2_000 },
    );
  });

  it.each(['30s', '5m', '1h30m', '1d', '250ms', '2w'])('accepts %s', (value) => {
    expect(accepts(Duration, value)).toBe(true);
  });

  it.each(['', '5', '5 min', '-5m', '1.5h', 'm5', '5M', '10 s'])('refuses %j', (value) => {
    expect(accepts(Duration, value)).toBe(false);
  });
});

describe('small primitives', () => {
  it('reads schema versions as semver within major 1', () => {
    expect(['1.0.0', '1.4.0', '1.20.30'].every((v) => accepts(SchemaVersion, v))).toBe(true);
    const refused = ['2.0.0', '0.9.0', '10.20.30', '1.0', 'v1.0.0', '01.0.0', '1.01.0', '1.0.0-beta', ''];
    expect(refused.some((v) => accepts(SchemaVersion, v))).toBe(false);
  });

  it('accepts short and full git shas, lowercase only', () => {
    expect(accepts(GitSha, '3c0d43e')).toBe(true);
    expect(accepts(GitSha, '3c0d43ec39b5bdf1a9e0c4d1f2b3a4c5d6e7f809')).toBe(true);
    expect(accepts(GitSha, '3C0D43E')).toBe(false);
    expect(accepts(GitSha, 'HEAD')).toBe(false);
    expect(accepts(GitSha, '3c0d43')).toBe(false);
  });

  it('refuses names that are empty, padded or too long', () => {
    expect(accepts(Name, 'orders-api')).toBe(true);
    expect(accepts(Name, 'revert to release 2025.09.25')).toBe(true);
    expect(accepts(Name, '')).toBe(false);
    expect(accepts(Name, ' orders-api')).toBe(false);
    expect(accepts(Name, 'orders-api\n')).toBe(false);
    expect(accepts(Name, 'x'.repeat(257))).toBe(false);
  });

  it('agrees with isSha256Digest on digests', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^sha256:[0-9a-fA-F]{62,66}$/),
          fc.string({ maxLength: 80 }).map((s) => `sha256:${s}`),
        ),
        (text) => {
          expect(accepts(Sha256Digest, text)).toBe(isSha256Digest(text));
        },
      ),
      { seed: 13, numRuns: 1_000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatTimestamp,
  isTimestamp,
  offsetMinutes,
  parseDuration,
  parseTimestamp,
  timestampOffset,
} from './time.js';

const offsets = fc
  .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const instants = fc.date({ min: new Date('0001-01-02'), max: new Date('9999-12-30'), noInvalidDate: true });

describe('formatTimestamp', () => {
  it('writes an instant in the requested offset', () => {
    const instant = Date.UTC(2025, 9, 2, 12, 0, 0);
    expect(formatTimestamp(instant, '+08:00')).toBe('2025-10-02T20:00:00.000+08:00');
    expect(formatTimestamp(new Date(instant), 'Z')).toBe('2025-10-02T12:00:00.000Z');
    expect(formatTimestamp(instant, '+00:00')).toBe('2025-10-02T12:00:00.000+00:00');
    expect(formatTimestamp(instant, '-05:30')).toBe('2025-10-02T06:30:00.000-05:30');
    expect(formatTimestamp(instant)).toBe('2025-10-02T12:00:00.000Z');
  });

  it('crosses the date line when the offset does', () => {
    expect(formatTimestamp(Date.UTC(2025, 11, 31, 20, 0, 0), '+08:00')).toBe('2026-01-01T04:00:00.000+08:00');
  });

  it('round-trips through parseTimestamp for any instant and offset', () => {
    fc.assert(
      fc.property(instants, fc.oneof(offsets, fc.constant('Z')), (date, offset) => {
        const text = formatTimestamp(date, offset);
        expect(timestampOffset(text)).toBe(offset);
        expect(isTimestamp(text)).toBe(true);
        expect(parseTimestamp(text)).toBe(date.getTime());
      }),
      { seed: 3, numRuns: 2_000 },
    );
  });

  it('round-trips in +08:00 specifically', () => {
    fc.assert(
      fc.property(instants, (date) => {
        expect(parseTimestamp(formatTimestamp(date, '+08:00'))).toBe(date.getTime());
      }),
      { seed: 5, numRuns: 1_000 },
    );
  });

  it.each(['+8:00', '08:00', 'UTC', '+24:00', '', 'z'])('throws a RangeError for the offset %j', (offset) => {
    expect(() => formatTimestamp(0, offset)).toThrow(RangeError);
  });

  it('throws a RangeError for an invalid date', () => {
    expect(() => formatTimestamp(new Date(Number.NaN), '+08:00')).toThrow(RangeError);
    expect(() => formatTimestamp(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('parseTimestamp and friends', () => {
  it('parses RFC 3339 with an offset to epoch milliseconds', () => {
    expect(parseTimestamp('2025-10-02T20:00:00+08:00')).toBe(Date.UTC(2025, 9, 2, 12));
    expect(parseTimestamp('2025-10-02T12:00:00Z')).toBe(Date.UTC(2025, 9, 2, 12));
  });

  it('answers undefined for anything else', () => {
    for (const text of ['2025-10-02T12:00:00', '2025-02-30T00:00:00Z', 'yesterday', '', '2025-10-02']) {
      expect(parseTimestamp(text)).toBeUndefined();
    }
  });

  it('knows the minutes of an offset', () => {
    expect(offsetMinutes('Z')).toBe(0);
    expect(offsetMinutes('+08:00')).toBe(480);
    expect(offsetMinutes('-05:30')).toBe(-330);
    expect(offsetMinutes('+8:00')).toBeUndefined();
    expect(timestampOffset('2025-10-02T20:00:00+08:00')).toBe('+08:00');
    expect(timestampOffset('2025-10-02T20:00:00')).toBeUndefined();
  });
});

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['300s', 300_000],
    ['1h30m15s500ms', 5_415_500],
  ])('parseDuration(%j) is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 min', '-5m', '1.5h', 'm5', '5M', '1h 30m', '1y'])(
    'parseDuration(%j) is undefined',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it.each([
    [0, '0s'],
    [250, '250ms'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [1_500, '1s500ms'],
    [86_400_000 * 9, '9d'],
  ])('formatDuration(%d) is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips any whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { seed: 17, numRuns: 2_000 },
    );
  });

  it('throws a RangeError for negative or non-finite durations', () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => formatDuration(ms)).toThrow(RangeError);
  });
});

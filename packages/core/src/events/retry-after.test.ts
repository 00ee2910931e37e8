import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './sinks/retry-after.js';

const NOW = Date.UTC(2025, 9, 2, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 02 Oct 2025 12:00:30 GMT', 30_000],
    ['Thursday, 02-Oct-25 12:00:30 GMT', 30_000], // RFC 850, still allowed to receive
    ['Thu Oct  2 12:00:30 2025', 30_000], // asctime
    ['Thu, 02 Oct 2025 11:00:00 GMT', 0], // a date in the past: retry now
  ])('%s → %d ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it.each([null, undefined, '', '-1', '1.5', '5m', 'soon', 'Thu, 99 Oct 2025 12:00:30 GMT'])(
    'unreadable %s → undefined',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );

  it('never throws and never answers a negative or non-finite wait, whatever the header', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date().map((d) => (Number.isNaN(d.getTime()) ? '' : d.toUTCString())),
        ),
        (header) => {
          const ms = parseRetryAfter(header, NOW);
          return ms === undefined || (Number.isFinite(ms) && ms >= 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

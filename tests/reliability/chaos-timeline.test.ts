// The chaos test's judge and plan on synthetic timelines: a judge that passes everything would make the
// 60-second run prove nothing, so each rule is shown to fail when it should.
import { describe, expect, it } from 'vitest';
import { chooseSeed, faultPlan } from './chaos-schedule.js';
import { type Bounds, type FaultMark, judgeOutages, type PollMark, strayPolls } from './chaos-timeline.js';

const BOUNDS: Bounds = { detectionMs: 2_000, recoveryMs: 2_000 };

const outage = (appliedAt: number, clearedAt: number): FaultMark[] => [
  { t: appliedAt, dependency: 'Redis', kind: 'pause', phase: 'applied' },
  { t: clearedAt, dependency: 'Redis', kind: 'pause', phase: 'cleared' },
];

/** A poll every 100 ms from `from` to `to`, naming Redis while `failing(t)`. */
function polls(from: number, to: number, failing: (t: number) => boolean): PollMark[] {
  const out: PollMark[] = [];
  for (let t = from; t <= to; t += 100) {
    out.push(
      failing(t)
        ? { sentAt: t, t: t + 5, status: 503, failing: ['Redis'] }
        : { sentAt: t, t: t + 5, status: 200, failing: [] },
    );
  }
  return out;
}

describe('judgeOutages', () => {
  it('accepts an outage named within the detection bound and released within the recovery bound', () => {
    const timeline = polls(0, 10_000, (t) => t >= 2_000 && t < 6_000);
    const [verdict] = judgeOutages(outage(1_000, 5_000), timeline, BOUNDS);
    expect(verdict).toMatchObject({ detectionMs: 1_005, recoveryMs: 1_005, problems: [] });
  });

  it('flags a long outage never named, and one named after the bound', () => {
    const never = judgeOutages(
      outage(1_000, 5_000),
      polls(0, 10_000, () => false),
      BOUNDS,
    );
    expect(never[0]?.problems).toEqual([expect.stringMatching(/named it never, bound 2000 ms/)]);
    const late = judgeOutages(
      outage(1_000, 5_000),
      polls(0, 10_000, (t) => t >= 3_500 && t < 6_000),
      BOUNDS,
    );
    expect(late[0]?.problems).toEqual([expect.stringMatching(/after 2505 ms, bound 2000 ms/)]);
  });

  it('does not require a short outage to be named', () => {
    const [verdict] = judgeOutages(
      outage(1_000, 1_500),
      polls(0, 10_000, () => false),
      BOUNDS,
    );
    expect(verdict).toMatchObject({ detectionMs: undefined, problems: [] });
  });

  it('flags readiness still naming the dependency past the recovery bound', () => {
    const timeline = polls(0, 10_000, (t) => t >= 2_000 && t < 8_000);
    const [verdict] = judgeOutages(outage(1_000, 5_000), timeline, BOUNDS);
    expect(verdict?.problems).toEqual([expect.stringMatching(/3005 ms after it was cleared, bound 2000 ms/)]);
  });

  it('does not credit an outage with the next outage of the same dependency', () => {
    const faults = [...outage(1_000, 1_400), ...outage(6_000, 9_000)];
    const timeline = polls(0, 12_000, (t) => t >= 7_000 && t < 10_000);
    const [first, second] = judgeOutages(faults, timeline, BOUNDS);
    expect(first?.detectionMs).toBeUndefined();
    expect(second?.detectionMs).toBe(1_005);
  });
});

describe('strayPolls', () => {
  it('flags a 503 naming a healthy dependency, a 503 naming nothing, other statuses and unanswered polls', () => {
    const faults = outage(1_000, 2_000);
    const stray: PollMark[] = [
      { sentAt: 3_500, t: 3_505, status: 503, failing: ['Redis'] }, // within recovery of the outage: fine
      { sentAt: 4_500, t: 4_505, status: 503, failing: ['Redis'] },
      { sentAt: 4_600, t: 4_605, status: 503, failing: [] },
      { sentAt: 4_700, t: 4_705, status: 500, failing: [] },
      { sentAt: 4_800, t: 6_800, status: 0, failing: [], error: 'no answer in time' },
    ];
    expect(strayPolls(faults, stray, BOUNDS)).toEqual([
      'poll at 4500 ms: 503 named Redis, which was not broken',
      'poll at 4600 ms: 503 naming no dependency',
      'poll at 4700 ms: status 500',
      'poll at 4800 ms: no answer (no answer in time)',
    ]);
  });
});

describe('faultPlan', () => {
  const bounds = { minGapMs: 3_000, maxGapMs: 5_000, minFaultMs: 300, maxFaultMs: 6_000, steps: 20 };

  it('is the same plan for the same seed, another for another seed, within the bounds', () => {
    expect(faultPlan(42, bounds)).toEqual(faultPlan(42, bounds));
    expect(faultPlan(42, bounds)).not.toEqual(faultPlan(43, bounds));
    for (const step of [...faultPlan(7, bounds).Redis, ...faultPlan(7, bounds).Postgres]) {
      expect(step.gapMs).toBeGreaterThanOrEqual(3_000);
      expect(step.gapMs).toBeLessThanOrEqual(5_000);
      expect(step.durationMs).toBeGreaterThanOrEqual(300);
      expect(step.durationMs).toBeLessThanOrEqual(6_000);
    }
  });

  it('takes the seed from ROLLGATE_CHAOS_SEED when set and refuses a non-integer', () => {
    expect(chooseSeed('1234')).toBe(1234);
    expect(Number.isSafeInteger(chooseSeed(undefined))).toBe(true);
    expect(() => chooseSeed('abc')).toThrow(/must be an integer/);
  });
});

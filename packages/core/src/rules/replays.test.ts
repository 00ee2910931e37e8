// Golden replays: recorded samples with the decision they must produce (packages/core/fixtures/replays).
import { readdirSync, readFileSync } from 'node:fs';
import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { evaluateRollback } from './evaluate.js';
import type { RollbackAction, SampleSource, SeriesInput } from './types.js';

interface Replay {
  name: string;
  description: string;
  now: string;
  rules: unknown;
  series: SeriesInput;
  expected: {
    action: RollbackAction;
    decidedBy: string[];
    statuses: Record<string, string>;
    since?: Record<string, number>;
    inputHash?: string;
  };
}

const dir = new URL('../../fixtures/replays/', import.meta.url);
const replays: Replay[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Replay);

const reverse = (s: SampleSource): SampleSource => (Array.isArray(s) ? [...s].reverse() : s);
const toColumns = (s: SampleSource): SampleSource =>
  Array.isArray(s)
    ? { t: Float64Array.from(s, (x) => x.t), value: Float64Array.from(s, (x) => x.value ?? Number.NaN) }
    : s;
function mapSeries(series: SeriesInput, f: (s: SampleSource) => SampleSource): SeriesInput {
  return Object.fromEntries(
    Object.entries(series).map(([m, e]) => [
      m,
      'canary' in e ? { canary: f(e.canary), baseline: f(e.baseline) } : f(e),
    ]),
  );
}

describe('golden replays', () => {
  it('there are recorded replays to run', () => {
    expect(replays.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(replays.map((r) => [r.name, r] as const))('%s', (_name, replay) => {
    const now = new Date(replay.now);
    const decision = evaluateRollback({ rules: replay.rules as never, series: replay.series, now });

    it('its rules are a valid contract document and evaluate without input errors', () => {
      expect(parseContract('rollback-rules', replay.rules)).toMatchObject({ ok: true });
      expect(decision.issues).toEqual([]);
    });

    it(`decides ${replay.expected.action}, for the expected rules`, () => {
      expect(decision.action).toBe(replay.expected.action);
      expect(decision.decidedBy).toEqual(replay.expected.decidedBy);
      expect(Object.fromEntries(decision.reasons.map((r) => [r.rule, r.status]))).toEqual(
        replay.expected.statuses,
      );
      for (const [rule, since] of Object.entries(replay.expected.since ?? {})) {
        expect(decision.reasons.find((r) => r.rule === rule)?.since).toBe(since);
      }
    });

    it('replays to the same decision and hash from reversed samples or typed columns', () => {
      for (const series of [mapSeries(replay.series, reverse), mapSeries(replay.series, toColumns)]) {
        expect(evaluateRollback({ rules: replay.rules as never, series, now })).toEqual(decision);
      }
    });

    it('keeps its recorded inputHash', () => {
      expect(decision.inputHash).toBe(replay.expected.inputHash);
    });
  });
});

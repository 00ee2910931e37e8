// Properties every decision must have, checked on generated rules and samples (fast-check).
import type { RollbackRule } from '@rollgate/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionRank, ROLLBACK_ACTIONS } from './actions.js';
import { ROLLBACK_ISSUE_CODES } from './codes.js';
import { evaluateRollback } from './evaluate.js';
import { M, NOW, S } from './test-series.js';
import type { EvaluateRollbackInput, Sample, SampleSource, SeriesInput } from './types.js';

const METRICS = ['m.a', 'm.b'] as const;
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const duration = fc.constantFrom('30s', '1m', '2m', '5m');

const common = {
  metric: fc.constantFrom(...METRICS),
  minSamples: opt(fc.integer({ min: 1, max: 4 })),
  minCoverage: opt(fc.constantFrom(0, 0.5, 1)),
  noData: opt(fc.constantFrom('inconclusive', 'hold', 'rollback', 'ignore')),
  action: opt(fc.constantFrom('rollback', 'block', 'hold')),
  failureLimit: opt(fc.integer({ min: 0, max: 2 })),
  inconclusiveLimit: opt(fc.integer({ min: 0, max: 2 })),
  dryRun: opt(fc.boolean()),
};
const op = fc.constantFrom('>', '>=', '<', '<=', '==', '!=');
const level = fc.constantFrom(0, 0.02, 0.5, 1, 2);

const ruleArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    kind: fc.constant('threshold'),
    op,
    value: level,
    for: opt(duration),
    window: opt(duration),
    ...common,
  }),
  fc.record({ kind: fc.constant('count'), op, value: level, window: opt(duration), ...common }),
  fc.record({
    kind: fc.constant('baseline_ratio'),
    op,
    ratio: fc.constantFrom(0.5, 1, 2),
    for: opt(duration),
    aggregate: opt(fc.constantFrom('mean', 'p50', 'p95', 'max', 'min', 'sum', 'last')),
    ...common,
  }),
  fc.record({
    kind: fc.constant('burn_rate'),
    objective: fc.constantFrom(0.9, 0.99),
    windows: fc.constant([
      { long: '5m', short: '1m', factor: 2 },
      { long: '2m', short: '30s', factor: 5 },
    ]),
    ...common,
  }),
  fc.record({
    kind: fc.constant('mann_whitney'),
    direction: fc.constantFrom('increase', 'decrease', 'either'),
    allowedEffectSize: opt(fc.constantFrom(0, 0.1, 0.5)),
    compareSpread: opt(fc.boolean()),
    ...common,
  }),
);

const withIds = (rules: Record<string, unknown>[]) =>
  rules.map((r, i) => ({ ...r, id: `r${i}` }) as unknown as RollbackRule);

const sampleValue = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(0, 0.01, 0.03, 0.5, 1, 1.5, 3) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
  { weight: 1, arbitrary: fc.constant(null) },
);
// Times on a 5-second grid over the last 6 minutes, some in the future.
const samplesArb: fc.Arbitrary<Sample[]> = fc.array(
  fc.record({ t: fc.integer({ min: -72, max: 2 }).map((k) => NOW + k * 5 * S), value: sampleValue }),
  { maxLength: 60 },
);
const sourceArb: fc.Arbitrary<SampleSource> = fc.oneof(
  { weight: 6, arbitrary: samplesArb },
  { weight: 1, arbitrary: fc.constant({ error: 'provider timed out' }) },
);
const entryArb = fc.oneof(sourceArb, fc.record({ canary: sourceArb, baseline: sourceArb }));
const seriesArb: fc.Arbitrary<SeriesInput> = fc.record(
  { 'm.a': entryArb, 'm.b': entryArb },
  { requiredKeys: [] },
);

const inputArb = fc.record({
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 5 }).map(withIds),
  series: seriesArb,
});

// A deterministic shuffle driven by fast-check, so counterexamples replay.
function shuffle<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)]! * 1000 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}
function shuffleSeries(series: SeriesInput, keys: number[]): SeriesInput {
  const side = (s: SampleSource): SampleSource => (Array.isArray(s) ? shuffle(s, keys) : s);
  return Object.fromEntries(
    Object.entries(series).map(([m, e]) => [
      m,
      'canary' in e ? { canary: side(e.canary), baseline: side(e.baseline) } : side(e),
    ]),
  );
}

describe('properties of evaluateRollback', () => {
  it('sample order never matters (decision and inputHash alike)', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        ({ rules, series }, keys) => {
          const a = evaluateRollback({ rules, series, now: NOW });
          const b = evaluateRollback({ rules, series: shuffleSeries(series, keys), now: NOW });
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('evaluation is idempotent: same input, same decision; replaying an instant with its state counts nothing', () => {
    fc.assert(
      fc.property(inputArb, ({ rules, series }) => {
        const a = evaluateRollback({ rules, series, now: NOW });
        expect(evaluateRollback({ rules, series, now: NOW })).toEqual(a);
        const replay = evaluateRollback({ rules, series, now: NOW, state: a.state });
        expect(replay.action).toBe(a.action);
        expect(replay.state).toEqual(a.state);
        expect(replay.reasons).toEqual(a.reasons);
      }),
    );
  });

  it('dry-run rules never change the verdict', () => {
    fc.assert(
      fc.property(inputArb, fc.array(ruleArb, { minLength: 1, maxLength: 3 }), ({ rules, series }, extra) => {
        const enforced = rules.map((r) => ({ ...r, dryRun: false }) as RollbackRule);
        const shadows = extra.map(
          (r, i) => ({ ...r, id: `dry${i}`, dryRun: true }) as unknown as RollbackRule,
        );
        const without = evaluateRollback({ rules: enforced, series, now: NOW });
        const withShadows = evaluateRollback({ rules: [...shadows, ...enforced], series, now: NOW });
        expect(withShadows.action).toBe(without.action);
        expect(withShadows.decidedBy).toEqual(without.decidedBy);
      }),
    );
  });

  it('no data never promotes (missing, empty, NaN-only or provider errors, whatever the policy)', () => {
    const nothing = fc.oneof(
      fc.constant<SampleSource>([]),
      fc.array(
        fc.record({
          t: fc.integer({ min: -60, max: 0 }).map((k) => NOW + k * 5 * S),
          value: fc.constant(null),
        }),
      ),
      fc.constant<SampleSource>({ error: 'down' }),
    );
    const emptySeries = fc.record(
      { 'm.a': fc.oneof(nothing, fc.record({ canary: nothing, baseline: nothing })), 'm.b': nothing },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 5 }).map(withIds),
        emptySeries,
        (rules, series) => {
          expect(evaluateRollback({ rules, series, now: NOW }).action).not.toBe('promote');
        },
      ),
    );
  });

  it('every decision carries one reason per rule and is plain JSON', () => {
    fc.assert(
      fc.property(inputArb, ({ rules, series }) => {
        const d = evaluateRollback({ rules, series, now: NOW });
        expect(d.reasons.map((r) => r.rule)).toEqual(rules.map((r) => r.id));
        expect(ROLLBACK_ACTIONS).toContain(d.action);
        expect(JSON.parse(JSON.stringify(d))).toEqual(d);
        if (d.action === 'promote') {
          expect(d.reasons.some((r) => !r.dryRun && r.status === 'pass')).toBe(true);
          expect(d.reasons.every((r) => r.dryRun || r.verdict === 'promote' || r.verdict === null)).toBe(
            true,
          );
        }
      }),
    );
  });
});

describe('worse metrics never give a better decision (rules with op >)', () => {
  const upward = fc.oneof(
    fc.record({
      kind: fc.constant('threshold'),
      op: fc.constantFrom('>', '>='),
      value: level,
      for: opt(duration),
      window: opt(duration),
      ...common,
    }),
    fc.record({
      kind: fc.constant('count'),
      op: fc.constantFrom('>', '>='),
      value: level,
      window: opt(duration),
      ...common,
    }),
    fc.record({
      kind: fc.constant('burn_rate'),
      objective: fc.constantFrom(0.9, 0.99),
      windows: fc.constant([{ long: '5m', short: '1m', factor: 2 }]),
      ...common,
    }),
  );
  const finite = fc.array(
    fc.record({
      t: fc.integer({ min: -72, max: 0 }).map((k) => NOW + k * 5 * S),
      value: fc.double({ min: 0, max: 2, noNaN: true }),
    }),
    { maxLength: 40 },
  );

  it('raising any sample values never improves the action', () => {
    fc.assert(
      fc.property(
        upward,
        finite,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
        (raw, samples, deltas) => {
          const rule = { ...raw, id: 'r', dryRun: false } as unknown as RollbackRule;
          const worse = samples.map((s, i) => ({ t: s.t, value: s.value + deltas[i % deltas.length]! }));
          const a = evaluateRollback({ rules: [rule], series: { [rule.metric]: samples }, now: NOW });
          const b = evaluateRollback({ rules: [rule], series: { [rule.metric]: worse }, now: NOW });
          expect(actionRank(b.action)).toBeGreaterThanOrEqual(actionRank(a.action));
        },
      ),
    );
  });

  it('raising canary values never improves a baseline_ratio > decision', () => {
    const ratioRule = fc.record({
      kind: fc.constant('baseline_ratio'),
      op: fc.constantFrom('>', '>='),
      ratio: fc.constantFrom(0.5, 1, 2),
      for: opt(duration),
      aggregate: opt(fc.constantFrom('mean', 'p50', 'p90', 'p99', 'max', 'min', 'sum', 'last')),
      ...common,
    });
    fc.assert(
      fc.property(
        ratioRule,
        finite,
        finite,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, canary, baseline, delta) => {
          const rule = { ...raw, id: 'r', dryRun: false } as unknown as RollbackRule;
          const worse = canary.map((s) => ({ t: s.t, value: s.value + delta }));
          const a = evaluateRollback({
            rules: [rule],
            series: { [rule.metric]: { canary, baseline } },
            now: NOW,
          });
          const b = evaluateRollback({
            rules: [rule],
            series: { [rule.metric]: { canary: worse, baseline } },
            now: NOW,
          });
          expect(actionRank(b.action)).toBeGreaterThanOrEqual(actionRank(a.action));
        },
      ),
    );
  });
});

describe('fuzz: no input crashes the evaluator', () => {
  it('arbitrary values for every argument give a decision with issues as data', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (rules, series, now, state) => {
        const d = evaluateRollback({ rules, series, now, state } as unknown as EvaluateRollbackInput);
        expect(ROLLBACK_ACTIONS).toContain(d.action);
        expect(d.action).not.toBe('promote');
        expect(d.issues.map((e) => e.code)).not.toContain(ROLLBACK_ISSUE_CODES.EVALUATION_FAILED);
      }),
      { numRuns: 300 },
    );
  });

  it('rules with arbitrary field values are refused field by field, never thrown', () => {
    const field = fc.constantFrom(
      'id',
      'kind',
      'metric',
      'op',
      'value',
      'for',
      'window',
      'ratio',
      'aggregate',
      'objective',
      'windows',
      'preset',
      'direction',
      'confidence',
      'allowedEffectSize',
      'criticalEffectSize',
      'maxSpreadRatio',
      'minSamples',
      'minCoverage',
      'noData',
      'dryRun',
      'failureLimit',
      'consecutiveErrorLimit',
      'bogus',
    );
    const mutated = fc.tuple(ruleArb, fc.dictionary(field, fc.anything(), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.array(mutated, { minLength: 1, maxLength: 4 }), seriesArb, (pairs, series) => {
        const rules = pairs.map(([r, patch], i) => ({ id: `r${i}`, ...r, ...patch }));
        const d = evaluateRollback({ rules, series, now: NOW - M } as unknown as EvaluateRollbackInput);
        expect(ROLLBACK_ACTIONS).toContain(d.action);
        expect(d.issues.map((e) => e.code)).not.toContain(ROLLBACK_ISSUE_CODES.EVALUATION_FAILED);
        for (const e of d.issues) expect(e.message.length).toBeGreaterThan(0);
        const invalid = d.reasons.filter((r) => r.status === 'invalid');
        if (invalid.length > 0) expect(d.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

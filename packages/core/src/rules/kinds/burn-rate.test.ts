import type { BurnRateRule, RollbackRule } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { SLO_30D_BURN_WINDOWS } from '../compile.js';
import { evaluateRollback } from '../evaluate.js';
import { byAge, M, NOW, S } from '../test-series.js';
import type { Sample } from '../types.js';

const METRIC = 'http.server.errors.rate';
const H = 60 * M;

function judge(rule: Partial<BurnRateRule>, samples: Sample[]) {
  const full = {
    id: 'burn',
    kind: 'burn_rate',
    metric: METRIC,
    objective: 0.999,
    preset: 'slo-30d',
    ...rule,
  } as RollbackRule;
  const decision = evaluateRollback({ rules: [full], series: { [METRIC]: samples }, now: NOW });
  return { decision, reason: decision.reasons[0]! };
}

const FAST_PAIR_ONLY = { preset: undefined, windows: [{ long: '1h', short: '5m', factor: 14.4 }] };

describe('burn_rate: multi-window, multi-burn-rate SLO alerts', () => {
  it('the slo-30d preset is the SRE workbook table', () => {
    expect(SLO_30D_BURN_WINDOWS).toEqual([
      { long: '1h', short: '5m', factor: 14.4 },
      { long: '6h', short: '30m', factor: 6 },
      { long: '1d', short: '2h', factor: 3 },
      { long: '3d', short: '6h', factor: 1 },
    ]);
  });

  it('a sustained 2 % error ratio against a 99.9 % SLO burns 20x: rollback', () => {
    const { reason, decision } = judge(
      FAST_PAIR_ONLY,
      byAge(() => 0.02, H, 30 * S),
    );
    expect(decision.action).toBe('rollback');
    expect(reason.status).toBe('breach');
    expect(reason.observed).toBeCloseTo(20, 9);
    expect(reason.threshold).toBe(14.4);
    expect(reason.window).toBe('1h');
    expect(reason.details.burn_1h).toBeCloseTo(20, 9);
    expect(reason.details.burn_5m).toBeCloseTo(20, 9);
  });

  it('a short spike alone does not fire: the long window must burn too', () => {
    const samples = byAge((age) => (age < 5 * M ? 0.05 : 0.0005), H, 30 * S);
    const windows = [SLO_30D_BURN_WINDOWS[0]!, SLO_30D_BURN_WINDOWS[1]!];
    const { reason, decision } = judge({ preset: undefined, windows }, samples);
    expect(reason.status).toBe('pass');
    expect(decision.action).toBe('promote');
    expect(reason.details.burn_5m as number).toBeGreaterThan(14.4);
  });

  it('a recovered service does not fire: the short window must burn too', () => {
    const samples = byAge((age) => (age <= 5 * M ? 0 : 0.03), H, 30 * S);
    const { reason } = judge(FAST_PAIR_ONLY, samples);
    expect(reason.details.burn_1h as number).toBeGreaterThan(14.4);
    expect(reason.status).toBe('pass');
  });

  it.each([
    [0.5, 'pass'], // burn exactly 2 is not above factor 2
    [0.5000001, 'breach'],
  ] as const)('error ratio %s with objective 0.75 and factor 2 → %s', (ratio, status) => {
    const rule = { objective: 0.75, preset: undefined, windows: [{ long: '10m', short: '2m', factor: 2 }] };
    expect(
      judge(
        rule,
        byAge(() => ratio, 10 * M, 30 * S),
      ).reason.status,
    ).toBe(status);
  });

  it('a burn on 2 minutes of data waits until the short window is covered', () => {
    const { reason, decision } = judge(
      FAST_PAIR_ONLY,
      byAge(() => 0.5, 2 * M, 30 * S),
    );
    expect(reason.status).toBe('pending');
    // 2 minutes of samples every 30 s stand for 2.5 of the 5 minutes.
    expect(reason.margin.remainingMs).toBe(150 * S);
    expect(decision.action).toBe('continue');
  });

  it('slow pairs whose short window is not covered yet wait rather than fire on an hour of data', () => {
    const samples = byAge((age) => (age < 5 * M ? 0.05 : 0.0005), H, 30 * S);
    const { reason } = judge({}, samples);
    expect(reason.status).toBe('pending');
    expect(reason.window).toBe('3d'); // the waiting pair closest to firing
    expect(reason.message).toMatch(/6h window is only 16\.8 % covered \(100 % needed, 4h59m30s to go\)/);
  });

  it('the long window is read over the data it has (as a Prometheus range query)', () => {
    const { reason } = judge(
      {},
      byAge(() => 0.02, H, 30 * S),
    );
    expect(reason.status).toBe('breach');
    expect(reason.details.burn_6h).toBeCloseTo(20, 9);
  });

  it('no samples is no data; only NaN is nan', () => {
    expect(judge({}, []).reason.status).toBe('no_data');
    expect(
      judge(
        {},
        byAge(() => Number.NaN, 10 * M),
      ).reason.status,
    ).toBe('nan');
  });
});

describe('burn_rate validation', () => {
  const issuesOf = (rule: Record<string, unknown>) =>
    evaluateRollback({
      rules: [{ id: 'burn', kind: 'burn_rate', metric: METRIC, objective: 0.999, ...rule } as RollbackRule],
      series: {},
      now: NOW,
    }).issues.map((e) => e.path);

  it('needs windows or a preset, not both', () => {
    expect(issuesOf({})).toEqual(['rules[0].windows']);
    expect(issuesOf({ preset: 'slo-30d', windows: [{ long: '1h', short: '5m', factor: 14.4 }] })).toEqual([
      'rules[0].windows',
    ]);
    expect(issuesOf({ preset: 'slo-7d' })).toEqual(['rules[0].preset']);
  });

  it('names the bad window field', () => {
    expect(issuesOf({ windows: [{ long: '5m', short: '1h', factor: 14.4 }] })).toEqual([
      'rules[0].windows[0].long',
    ]);
    expect(issuesOf({ windows: [{ long: '1h', short: '5x', factor: 14.4 }] })).toEqual([
      'rules[0].windows[0].short',
    ]);
    expect(issuesOf({ windows: [{ long: '1h', short: '5m', factor: 0 }] })).toEqual([
      'rules[0].windows[0].factor',
    ]);
    expect(issuesOf({ preset: 'slo-30d', window: '5m' })).toEqual(['rules[0].window']);
    expect(issuesOf({ preset: 'slo-30d', objective: 1 })).toEqual(['rules[0].objective']);
  });
});

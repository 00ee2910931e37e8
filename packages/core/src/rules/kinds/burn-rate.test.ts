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
  it('the slo-30d preset is the SRE workbook table: page for the fast pairs, ticket for the slow ones', () => {
    expect(SLO_30D_BURN_WINDOWS).toEqual([
      { long: '1h', short: '5m', factor: 14.4, severity: 'page' },
      { long: '6h', short: '30m', factor: 6, severity: 'page' },
      { long: '1d', short: '2h', factor: 3, severity: 'ticket' },
      { long: '3d', short: '6h', factor: 1, severity: 'ticket' },
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

// Daily traffic: requests per 5 minutes swing 10x between the peak (noon) and the trough (midnight); the error
// ratio is highest when traffic is lowest, so equal-weight averaging of ratios overstates the burn.
const D = 24 * H;
const STEP = 5 * M;
const phase = (t: number) => Math.sin((2 * Math.PI * ((t % D) - D / 4)) / D); // +1 at noon, -1 at midnight
const requestsAt = (t: number) => 1000 * (1 + 0.8 * phase(t));
const ratioAt = (t: number) => 0.0003 + 0.0008 * (1 - phase(t));

function traffic(now: number, span = 4 * D, ratio = ratioAt) {
  const errors: Sample[] = [];
  const requests: Sample[] = [];
  const ratios: Sample[] = [];
  for (let t = now - span; t <= now; t += STEP) {
    const r = requestsAt(t);
    requests.push({ t, value: r });
    errors.push({ t, value: r * ratio(t) });
    ratios.push({ t, value: ratio(t) });
  }
  return { errors, requests, ratios };
}

const WEIGHTED = {
  id: 'burn',
  kind: 'burn_rate',
  metric: 'http.server.errors.ratio',
  errors: 'http.server.errors',
  requests: 'http.server.requests',
  objective: 0.999,
  preset: 'slo-30d',
} as RollbackRule;

function judgeTraffic(rule: RollbackRule, now: number, input = traffic(now)) {
  return evaluateRollback({
    rules: [rule],
    series: {
      'http.server.errors': input.errors,
      'http.server.requests': input.requests,
      'http.server.errors.ratio': input.ratios,
    },
    now,
    hashInputs: false,
  });
}

/** The workbook's decision, computed here from sums: total errors over total requests per window. */
function workbookAction(input: ReturnType<typeof traffic>, now: number): 'rollback' | 'hold' | 'promote' {
  const sum = (xs: Sample[], w: number) =>
    xs.filter((x) => x.t >= now - w && x.t <= now).reduce((a, x) => a + (x.value ?? 0), 0);
  const burn = (w: number) => sum(input.errors, w) / sum(input.requests, w) / 0.001;
  const hours = { '1h': H, '5m': 5 * M, '6h': 6 * H, '30m': 30 * M, '1d': D, '2h': 2 * H, '3d': 3 * D };
  const firing = SLO_30D_BURN_WINDOWS.filter(
    (p) =>
      burn(hours[p.long as keyof typeof hours]) > p.factor &&
      burn(hours[p.short as keyof typeof hours]) > p.factor,
  );
  if (firing.some((p) => p.severity === 'page')) return 'rollback';
  return firing.length > 0 ? 'hold' : 'promote';
}

describe('burn_rate: traffic-weighted ratio and page/ticket severities (SRE workbook)', () => {
  const midnight = NOW - (NOW % D) + 3 * D;

  it('with daily traffic cycles the weighted 3-day burn is below 1 where the unweighted one is above', () => {
    const weighted = judgeTraffic(WEIGHTED, midnight).reasons[0]!;
    const { errors: _e, requests: _r, ...ratioRule } = WEIGHTED as Record<string, unknown>;
    const unweighted = judgeTraffic(ratioRule as RollbackRule, midnight).reasons[0]!;
    expect(weighted.details.weighting).toBe('traffic');
    expect(unweighted.details.weighting).toBe('ratio');
    expect(unweighted.details.burn_3d as number).toBeGreaterThan(1);
    expect(weighted.details.burn_3d as number).toBeLessThan(1);
    // The unweighted reading fires the 3d|6h ticket pair (hold); the weighted one fires nothing.
    expect(unweighted.status).toBe('breach');
    expect(unweighted.verdict).toBe('hold');
    expect(unweighted.details.severity).toBe('ticket');
    expect(weighted.status).toBe('pass');
    expect(weighted.verdict).toBe('promote');
  });

  it('decides like the workbook at every hour of a day; the unweighted reading does not', () => {
    const { errors: _e, requests: _r, ...ratioRule } = WEIGHTED as Record<string, unknown>;
    let flips = 0;
    for (let hour = 0; hour < 24; hour++) {
      const now = midnight + hour * H;
      const input = traffic(now);
      const expected = workbookAction(input, now);
      expect(judgeTraffic(WEIGHTED, now, input).action, `at ${hour}:00`).toBe(expected);
      if (judgeTraffic(ratioRule as RollbackRule, now, input).action !== expected) flips++;
    }
    console.info(`workbook decisions over a day: weighted 24 of 24, unweighted ${24 - flips} of 24`);
    expect(flips).toBeGreaterThan(0);
  });

  it('an error burst at peak traffic pages on the weighted ratio: rollback', () => {
    const noon = midnight + 12 * H;
    const burst = (t: number) => (t > noon - 40 * M ? 0.03 : ratioAt(t));
    const input = traffic(noon, 4 * D, burst);
    const decision = judgeTraffic(WEIGHTED, noon, input);
    expect(decision.action).toBe(workbookAction(input, noon));
    expect(decision.action).toBe('rollback');
    expect(decision.reasons[0]!.details.severity).toBe('page');
    expect(decision.reasons[0]!.message).toMatch(
      /http\.server\.errors \/ http\.server\.requests burns .*\(page\)/,
    );
  });

  it('a ticket pair holds by default, is reported without a vote with ticketAction none, and counts no failure', () => {
    const { errors: _e, requests: _r, ...ratioRule } = WEIGHTED as Record<string, unknown>;
    const held = judgeTraffic(ratioRule as RollbackRule, midnight);
    expect(held.action).toBe('hold');
    expect(held.state.rules.burn!.failures).toBe(0);
    const silent = judgeTraffic({ ...ratioRule, ticketAction: 'none' } as RollbackRule, midnight);
    expect(silent.reasons[0]!.status).toBe('pass');
    expect(silent.reasons[0]!.details.tickets).toBe('3d|6h');
    expect(silent.reasons[0]!.message).toMatch(/ticket pair 3d\|6h fires \(ticketAction none/);
  });

  it('user windows page unless marked ticket', () => {
    const input = traffic(midnight);
    const rule = (severity?: 'page' | 'ticket') =>
      ({
        ...WEIGHTED,
        preset: undefined,
        errors: undefined,
        requests: undefined,
        windows: [{ long: '3d', short: '6h', factor: 1, ...(severity ? { severity } : {}) }],
      }) as RollbackRule;
    expect(judgeTraffic(rule(), midnight, input).action).toBe('rollback');
    expect(judgeTraffic(rule('ticket'), midnight, input).action).toBe('hold');
  });

  it('falls back to the ratio series when errors or requests are missing; neither is no data', () => {
    const input = traffic(midnight);
    const fallback = evaluateRollback({
      rules: [WEIGHTED],
      series: { 'http.server.errors': input.errors, 'http.server.errors.ratio': input.ratios },
      now: midnight,
    }).reasons[0]!;
    expect(fallback.details.weighting).toBe('ratio');
    const none = evaluateRollback({
      rules: [WEIGHTED],
      series: { 'http.server.errors': input.errors },
      now: midnight,
    }).reasons[0]!;
    expect(none.status).toBe('no_data');
    expect(none.message).toMatch(
      /http\.server\.requests is not in the series, nor is the error-ratio series/,
    );
  });

  it('errors and requests go together', () => {
    const issues = evaluateRollback({
      rules: [{ ...WEIGHTED, requests: undefined } as RollbackRule],
      series: {},
      now: NOW,
    }).issues;
    expect(issues.map((i) => i.path)).toEqual(['rules[0].requests']);
  });
});

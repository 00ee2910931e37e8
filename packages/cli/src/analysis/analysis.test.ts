// runAnalysis before and around Prometheus: input mistakes are issues found before any query, windows and steps
// fit each rule and Prometheus' limits, queries run a bounded number at a time, and a failed query never lets
// a one-shot analysis pass. Prometheus itself is stood in for by a fetch function here; tests/prometheus runs
// the real one.
import { isRollgateError } from '@rollgate/contract/errors';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from './plan.js';
import { runAnalysis } from './run.js';
import { resolveVariables } from './variables.js';
import { ruleRangeMs, stepFor } from './windows.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const RULES = {
  rules: [
    { id: 'error-rate', kind: 'threshold', metric: 'errors', op: '>', value: 0.02, for: '2m' },
    { id: 'p95', kind: 'baseline_ratio', metric: 'latency', op: '>', ratio: 2, for: '5m' },
  ],
};
const QUERIES = {
  variables: { service: {}, namespace: { default: 'production' } },
  queries: {
    errors: { canary: 'sum(rate(errors_total{service="{{service}}",namespace="{{ namespace }}"}[1m]))' },
    latency: {
      canary: 'max(latency{service="{{service}}",track="canary"})',
      baseline: 'max(latency{service="{{service}}",track="stable"})',
    },
  },
};

/** A fetch standing in for Prometheus: answers every range query with `points(query)` as one series. */
function fakePrometheus(
  points: (query: string, start: number, end: number, step: number) => [number, string][],
) {
  const calls: { query: string; start: number; end: number; step: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchFn = (async (_url: URL, init: RequestInit) => {
    const form = new URLSearchParams(String(init.body));
    const call = {
      query: form.get('query')!,
      start: Number(form.get('start')),
      end: Number(form.get('end')),
      step: Number(form.get('step')),
    };
    calls.push(call);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    const values = points(call.query, call.start, call.end, call.step);
    return new Response(
      JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }),
    );
  }) as unknown as typeof fetch;
  return { fetch: fetchFn, calls, maxInFlight: () => maxInFlight };
}

const steady =
  (value: (query: string) => number) => (query: string, start: number, end: number, step: number) => {
    const out: [number, string][] = [];
    for (let t = start; t <= end + 1e-9; t += step) out.push([t, String(value(query))]);
    return out;
  };

describe('prepareAnalysis', () => {
  it('names every metric a rule reads without a query, and a compared metric without a baseline, with the file', () => {
    const result = prepareAnalysis(
      RULES,
      { queries: { latency: { canary: 'max(latency)' } } },
      { queries: 'q.yaml' },
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'missing_query',
          path: 'queries.errors',
          file: 'q.yaml',
          message: 'rule "error-rate" reads errors, which has no query here; add queries.errors.canary',
        },
        {
          code: 'missing_baseline_query',
          path: 'queries.latency.baseline',
          file: 'q.yaml',
          message: 'rule "p95" compares canary with baseline on latency; add its baseline query',
        },
      ],
    });
  });

  it('reports the contract’s issues of both documents at once', () => {
    const result = prepareAnalysis(
      { rules: [{ id: 'x', kind: 'threshold', metric: 'm', op: '>' }] },
      { queries: {} },
      { rules: 'r.yaml' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.file, i.path])).toEqual([
      ['r.yaml', 'rules[0].value'],
      [undefined, 'queries'],
    ]);
  });
});

describe('variables', () => {
  const prepared = (() => {
    const p = prepareAnalysis(RULES, QUERIES);
    if (!p.ok) throw new Error('fixture');
    return p.value;
  })();

  it('fill from the request, then the default; names the request does not declare are left alone', () => {
    expect(resolveVariables(prepared, { service: 'orders-api', phase: 'Progressing' })).toEqual({
      ok: true,
      value: { service: 'orders-api', namespace: 'production' },
    });
  });

  it('without a value, or with one that could break out of PromQL, are issues', () => {
    // The message names every place a value can come from: the command line, Argo's request, Flagger's webhook.
    expect(resolveVariables(prepared, {})).toEqual({
      ok: false,
      issues: [
        {
          code: 'missing_variable',
          path: 'vars.service',
          message:
            "the queries of errors, latency use {{service}}: give it a value (--var service=…, the analysis request's service, or a Flagger webhook's metadata.service) or declare a default",
        },
      ],
    });
    for (const bad of ['a"}', 'a b', '', 'a\\', 'x'.repeat(254), '{{service}}'])
      expect(resolveVariables(prepared, { service: bad })).toMatchObject({
        ok: false,
        issues: [{ code: 'invalid_variable' }],
      });
  });
});

describe('windows and steps', () => {
  it('read each rule over its longest duration, the contract default when it names none', () => {
    expect(ruleRangeMs({ id: 'a', kind: 'threshold', metric: 'm', op: '>', value: 1, for: '2m' })).toBe(
      120_000,
    );
    expect(
      ruleRangeMs({ id: 'a', kind: 'threshold', metric: 'm', op: '>', value: 1, window: '1m', for: '3m' }),
    ).toBe(180_000);
    expect(ruleRangeMs({ id: 'a', kind: 'count', metric: 'm', op: '>', value: 0 })).toBe(300_000);
    expect(
      ruleRangeMs({ id: 'a', kind: 'burn_rate', metric: 'm', objective: 0.999, preset: 'slo-30d' }),
    ).toBe(3 * 86_400_000);
  });

  it('step 15 s by default, finer for short windows, and never past Prometheus’ 11,000 points', () => {
    expect(stepFor(300_000)).toBe(15_000);
    expect(stepFor(10_000)).toBe(1000);
    expect(stepFor(60_000)).toBe(6000);
    expect(stepFor(300_000, 5000)).toBe(5000);
    const long = stepFor(3 * 86_400_000);
    expect((3 * 86_400_000 + long) / long + 1).toBeLessThanOrEqual(11_000);
  });
});

describe('runAnalysis', () => {
  it('reports input mistakes before any query', async () => {
    const prometheus = fakePrometheus(steady(() => 0));
    const result = await runAnalysis({
      rules: RULES,
      queries: QUERIES,
      prometheus: { url: 'http://prometheus:9090', fetch: prometheus.fetch },
      now: 'yesterday',
      vars: { service: 'a"b' },
    });
    expect(result.decision).toBeNull();
    expect(result.issues.map((i) => i.code)).toEqual(['invalid_now', 'invalid_variable']);
    expect(prometheus.calls).toEqual([]);
  });

  it('queries each rule’s window ending at now, fills the variables, and judges the samples', async () => {
    const prometheus = fakePrometheus(
      steady((q) => (q.includes('errors') ? 0.01 : q.includes('canary') ? 0.2 : 0.1)),
    );
    const result = await runAnalysis({
      rules: RULES,
      queries: QUERIES,
      prometheus: { url: 'http://prometheus:9090', fetch: prometheus.fetch },
      now: new Date(NOW),
      vars: { service: 'orders-api' },
    });
    expect(result.issues).toEqual([]);
    expect(result.decision?.action).toBe('promote');
    // `for: 2m` → a 2 m window read at a 12 s step (under 10 default steps), plus one step of history.
    expect(prometheus.calls.map((c) => [c.query, c.end - c.start, c.step])).toEqual([
      ['sum(rate(errors_total{service="orders-api",namespace="production"}[1m]))', 132, 12],
      ['max(latency{service="orders-api",track="canary"})', 315, 15],
      ['max(latency{service="orders-api",track="stable"})', 315, 15],
    ]);
    expect(prometheus.calls.every((c) => c.end === NOW / 1000)).toBe(true);
    expect(result.queries.map((q) => [q.metric, q.side, q.outcome, q.samples])).toEqual([
      ['errors', 'canary', 'ok', 12],
      ['latency', 'canary', 'ok', 22],
      ['latency', 'baseline', 'ok', 22],
    ]);
  });

  it('reads a traffic-weighted burn rate’s errors and requests series, not only its ratio series', async () => {
    const rules = {
      rules: [
        {
          id: 'slo-burn',
          kind: 'burn_rate',
          metric: 'error_ratio',
          errors: 'failed_requests',
          requests: 'all_requests',
          objective: 0.99,
          windows: [{ long: '10m', short: '2m', factor: 2 }],
        },
      ],
    };
    const queries = {
      queries: {
        error_ratio: { canary: 'ratio_query' },
        failed_requests: { canary: 'failed_query' },
        all_requests: { canary: 'all_query' },
      },
    };
    // The ratio series alone says 0.1% (a 0.1× burn); the counts say 50 of 1,000 failed, a 5× burn.
    const prometheus = fakePrometheus(
      steady((q) => (q === 'ratio_query' ? 0.001 : q === 'failed_query' ? 50 : 1000)),
    );
    const result = await runAnalysis({
      rules,
      queries,
      prometheus: { url: 'http://prometheus:9090', fetch: prometheus.fetch },
      now: new Date(NOW),
    });
    expect(result.issues).toEqual([]);
    expect(prometheus.calls.map((c) => [c.query, c.end - c.start])).toEqual([
      ['ratio_query', 615],
      ['failed_query', 615],
      ['all_query', 615],
    ]);
    expect(result.decision?.action).toBe('rollback');

    const missing = prepareAnalysis(rules, { queries: { error_ratio: { canary: 'ratio_query' } } });
    expect(missing.ok ? [] : missing.issues.map((i) => i.path)).toEqual([
      'queries.failed_requests',
      'queries.all_requests',
    ]);
  });

  it('runs at most `concurrency` queries at once', async () => {
    const rules = {
      rules: Array.from({ length: 6 }, (_, i) => ({
        id: `r${i}`,
        kind: 'count',
        metric: `m${i}`,
        op: '>',
        value: 1,
      })),
    };
    const queries = {
      queries: Object.fromEntries(rules.rules.map((r) => [r.metric, { canary: `sum(${r.metric})` }])),
    };
    const prometheus = fakePrometheus(steady(() => 0));
    const result = await runAnalysis({
      rules,
      queries,
      prometheus: { url: 'http://p:9090', fetch: prometheus.fetch },
      now: NOW,
      concurrency: 2,
    });
    expect(result.queries).toHaveLength(6);
    expect(prometheus.maxInFlight()).toBe(2);
  });

  it('makes a one-shot decision inconclusive when a query fails, unless asked to count errors by the rules', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const options = {
      rules: RULES,
      queries: QUERIES,
      prometheus: { url: 'http://p:9090', fetch: failing },
      now: NOW,
      vars: { service: 'a' },
    };
    const once = await runAnalysis(options);
    expect(once.decision?.action).toBe('inconclusive');
    expect(once.decision?.summary).toContain('Prometheus unreachable: fetch failed: ECONNREFUSED');
    expect(once.series.errors).toEqual({ error: 'Prometheus unreachable: fetch failed: ECONNREFUSED' });
    const counted = await runAnalysis({ ...options, providerErrors: 'count' });
    expect(counted.decision?.action).toBe('continue'); // error 1 of consecutiveErrorLimit 4, counted in state
    expect(counted.decision?.state.rules['error-rate']?.consecutiveErrors).toBe(1);
  });

  it('throws a RollgateError for options a host wrote wrong', async () => {
    const base = { rules: RULES, queries: QUERIES, now: NOW };
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (e: unknown) => (isRollgateError(e) ? e.code : String(e)),
      );
    expect(await codeOf(runAnalysis({ ...base, prometheus: { url: 'ftp://p' } }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    expect(await codeOf(runAnalysis({ ...base, prometheus: { url: 'http://p', timeoutMs: 0 } }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    expect(await codeOf(runAnalysis({ ...base, prometheus: { url: 'http://p', step: '15 seconds' } }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    expect(await codeOf(runAnalysis({ ...base, prometheus: { url: 'http://p', timeout: 5 } as never }))).toBe(
      'ROLLGATE_ERR_UNKNOWN_OPTION',
    );
    expect(await codeOf(runAnalysis({ ...base, prometheus: { url: 'http://p' }, concurrency: 0 }))).toBe(
      'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
    );
    // `files` names the files issues are reported against: a misspelt key would drop the name silently.
    const prometheus = { url: 'http://p' };
    await expect(
      runAnalysis({ ...base, prometheus, files: { rues: 'rules.yaml' } as never }),
    ).rejects.toThrow('runAnalysis files: unknown option "rues"; did you mean "rules"?');
    await expect(runAnalysis({ ...base, prometheus, files: { queries: 7 } as never })).rejects.toMatchObject({
      code: 'ROLLGATE_ERR_ANALYSIS_INVALID_OPTION',
      message: expect.stringContaining('files.queries'),
    });
  });
});

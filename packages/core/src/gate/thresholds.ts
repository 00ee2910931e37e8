import { describeValue } from '@rollgate/contract/errors';
import { type ParsedBound, satisfiesBound } from './bound.js';
import type { GateReasonCode } from './codes.js';
import type { GateContext } from './context.js';
import { type Finding, passed, reject } from './finding.js';
import { field } from './inputs.js';
import type { WaivablePolicy } from './manifest-view.js';
import { show } from './text.js';
import { coverBreach } from './waivers.js';

interface Threshold {
  readonly policy: WaivablePolicy;
  readonly code: GateReasonCode;
  readonly label: string;
  readonly unit: string;
  readonly signal: string;
  readonly scorecardField: string | undefined;
  readonly valid: (n: number) => boolean;
  readonly expected: string;
}

const THRESHOLDS: readonly Threshold[] = [
  {
    policy: 'performance_p95_ms',
    code: 'P95_ABOVE_LIMIT',
    label: 'p95 latency',
    unit: ' ms',
    signal: 'p95_ms',
    scorecardField: 'performance_p95_ms',
    valid: (n) => n >= 0,
    expected: 'a non-negative number of milliseconds',
  },
  {
    policy: 'error_rate',
    code: 'ERROR_RATE_ABOVE_LIMIT',
    label: 'error rate',
    unit: '',
    signal: 'error_rate',
    scorecardField: 'error_rate',
    valid: (n) => n >= 0 && n <= 1,
    expected: 'a ratio from 0 to 1',
  },
  {
    policy: 'open_critical_incidents',
    code: 'OPEN_CRITICAL_INCIDENTS',
    label: 'open critical incident count',
    unit: '',
    signal: 'open_critical_incidents',
    scorecardField: undefined,
    valid: (n) => Number.isInteger(n) && n >= 0,
    expected: 'a whole number of incidents',
  },
];

type Observation = { ok: true; value: number; source: string } | { ok: false; message: string };

// Live signals win over the scorecard (they are newer). A signal that is present but unusable is
// a provider problem: the gate reports it instead of falling back to older readiness figures.
function observe(t: Threshold, ctx: GateContext): Observation {
  const candidates: [string, unknown][] = [[`signals.${t.signal}`, field(ctx.signals, t.signal)]];
  if (t.scorecardField !== undefined)
    candidates.push([`scorecard.${t.scorecardField}`, field(ctx.scorecard, t.scorecardField)]);
  for (const [source, value] of candidates) {
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value) && t.valid(value))
      return { ok: true, value, source };
    return { ok: false, message: `${source} is ${describeValue(value)}, not ${t.expected}` };
  }
  const names = candidates.map(([source]) => source);
  return {
    ok: false,
    message: names.length === 1 ? `${names[0]} is missing` : `${names.join(' and ')} are both missing`,
  };
}

function checkThreshold(t: Threshold, bound: ParsedBound, ctx: GateContext): Finding[] {
  const limit = bound.text;
  const seen = observe(t, ctx);
  if (!seen.ok) {
    return [
      reject(
        'SIGNAL_MISSING',
        `${t.label}: ${seen.message}; the gate never approves without it (limit ${limit}${t.unit}).`,
        {
          policy: t.policy,
          observed: null,
          limit,
        },
      ),
    ];
  }
  const text = `${t.label} is ${show(seen.value)}${t.unit} (from ${seen.source})`;
  const fields = { policy: t.policy, observed: seen.value, limit };
  if (satisfiesBound(bound, seen.value))
    return [passed(`${text}, within the limit ${limit}${t.unit}.`, fields)];
  return coverBreach(t.policy, reject(t.code, `${text}, outside the limit ${limit}${t.unit}.`, fields), ctx);
}

/** Checks p95 latency, error rate and open critical incidents against their bounds, when the policy sets them. */
export function checkThresholds(ctx: GateContext): Finding[] {
  const bounds: Record<string, ParsedBound | undefined> = {
    performance_p95_ms: ctx.policy.p95,
    error_rate: ctx.policy.errorRate,
    open_critical_incidents: ctx.policy.incidents,
  };
  return THRESHOLDS.flatMap((t) => {
    const bound = bounds[t.policy];
    return bound === undefined ? [] : checkThreshold(t, bound, ctx);
  });
}

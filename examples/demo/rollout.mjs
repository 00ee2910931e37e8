// Sections 2 and 3 of the demo: judge a recorded canary with the rollback rules, and drive the canary
// plan from those decisions. Everything here is pure: the same samples always give the same story.
import { advanceCanary, confirmDeployment, startCanary } from '@rollgate/core/canary';
import { evaluateRollback, toRollbackRequested } from '@rollgate/core/rules';

const MINUTE = 60_000;
const START = Date.parse('2025-10-02T12:00:00Z');

/** A recorded canary: healthy for 12 minutes (into the 50 % step), then the canary's error rate jumps to 6 %. */
export function recordedSeries(minutes) {
  const errors = [];
  const canaryP95 = [];
  const baselineP95 = [];
  const contractTests = [];
  for (let m = 0; m <= minutes; m += 0.5) {
    const t = START + m * MINUTE;
    errors.push({ t, value: m < 12 ? 0.004 + ((m * 7) % 3) / 1000 : 0.06 });
    canaryP95.push({ t, value: 0.18 + ((m * 13) % 5) / 100 });
    baselineP95.push({ t, value: 0.17 + ((m * 11) % 5) / 100 });
    contractTests.push({ t, value: 0 });
  }
  return {
    'http.server.errors.rate': errors,
    'http.server.duration.p95': { canary: canaryP95, baseline: baselineP95 },
    'contract_test.failures': contractTests,
  };
}

const round = (x) => (x === null ? '—' : Number(x.toPrecision(3)));
const describeReason = (r) =>
  `      ${r.rule.padEnd(16)} ${r.status.padEnd(8)} observed ${round(r.observed)} over ${r.window ?? '—'}` +
  ` (breach when ${r.op} ${r.threshold}; ${r.samples} samples)`;

/** Replays 21 minutes of a canary minute by minute; prints each transition and the final decision. */
export function runRollout(rules, plan, print) {
  const context = {
    service: 'orders-api',
    environment: 'production',
    version: '1.4.0',
    correlationId: 'rel-2025-10-02',
  };
  const series = recordedSeries(21);
  let { state, events } = startCanary(plan, START, context);
  ({ state } = confirmDeployment(plan, state, { healthOk: true }, START + MINUTE, context));
  print(`  minute  1: health checks pass → ${state.phase} at ${state.weight} %`);
  const log = [...events];
  let ruleState;
  let decision;
  for (let m = 2; m <= 21; m++) {
    const now = START + m * MINUTE;
    const window = Object.fromEntries(
      Object.entries(series).map(([metric, s]) => [
        metric,
        Array.isArray(s)
          ? s.filter((x) => x.t <= now)
          : { canary: s.canary.filter((x) => x.t <= now), baseline: s.baseline.filter((x) => x.t <= now) },
      ]),
    );
    decision = evaluateRollback({ rules, series: window, now, state: ruleState });
    ruleState = decision.state;
    const before = state;
    const step = advanceCanary(plan, state, decision, now, context);
    state = step.state;
    log.push(...step.events);
    if (before.phase !== state.phase || before.weight !== state.weight) {
      print(
        `  minute ${String(m).padStart(2)}: ${decision.action.padEnd(9)} → ${state.phase} at ${state.weight} %`,
      );
    }
    if (state.phase === 'ROLLBACK' || state.phase === 'PROMOTED') break;
  }
  print(`  decision ${decision.action} (input ${decision.inputHash.slice(0, 19)}…), one reason per rule:`);
  for (const reason of decision.reasons) print(describeReason(reason));
  print(
    `  events: ${log.map((e) => `${e.type}${e.phase_index === undefined ? '' : `#${e.phase_index}`}`).join(', ')}`,
  );
  const rollback = toRollbackRequested(decision, {
    ...context,
    now: decision.evaluatedAt ?? START,
    offset: '+08:00',
  });
  if (!rollback.ok) throw new Error(`rollback event refused: ${JSON.stringify(rollback.issues)}`);
  print(
    `  emitted on ${rollback.value.topic}: ${JSON.stringify(rollback.value.observed)} at ${rollback.value.timestamp}`,
  );
  return { state, decision };
}

// Section 4 of the demo: the deployment gate over the example release manifest.
import { evaluateGate } from '@rollgate/core/gate';

const NOW = Date.parse('2025-10-02T16:00:00+08:00');
const SCORECARD = { passed: true, score: 97, performance_p95_ms: 182, error_rate: 0.004 };

function printDecision(label, decision, print) {
  print(`  ${label}: ${decision.decision.toUpperCase()}`);
  for (const reason of decision.reasons) {
    if (reason.code === 'POLICY_PASSED') continue;
    print(`      ${reason.code.padEnd(24)} ${reason.message}`);
  }
}

/** Evaluates the gate on today's signals, then on a latency regression. */
export function runGate(policy, manifest, print) {
  const healthy = evaluateGate({
    policy,
    manifest,
    scorecard: SCORECARD,
    signals: { p95_ms: 182, error_rate: 0.004, open_critical_incidents: 0 },
    now: NOW,
    offset: '+08:00',
  });
  printDecision('signals p95 182 ms, errors 0.4 %', healthy, print);
  const regressed = evaluateGate({
    policy,
    manifest,
    scorecard: SCORECARD,
    signals: { p95_ms: 240, error_rate: 0.004, open_critical_incidents: 1 },
    now: NOW,
    offset: '+08:00',
  });
  printDecision('signals p95 240 ms, 1 critical incident', regressed, print);
  return { healthy, regressed };
}

import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { GateDecision, ReleaseManifest } from '@rollgate/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import { GATE_SPAN_NAME, withGateSpan } from './span.js';
import type { GateInput } from './types.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('rollgate-test');

const NOW = Date.parse('2025-10-02T15:00:00Z');
const manifest: ReleaseManifest = {
  release: '2025.10.02',
  generated_at: '2025-10-02T12:00:00Z',
  artifacts: [{ name: 'service-api', version: '1.4.0', hash: `sha256:${'c'.repeat(64)}` }],
  scorecard_path: 'run.json',
  readiness_run_id: 'run123',
  feature_flags: [],
  secrets: [],
  migrations: [],
  approvals: [{ role: 'change-board', actor: 'alice', timestamp: '2025-10-02T14:30:00Z' }],
  rollback_plan: { trigger: 't', steps: ['revert'], rehearsed_at: '2025-09-18T16:00:00Z' },
  metadata: { environment: 'production' },
};
const input: GateInput = {
  policy: {
    policies: { readiness_passed: true, performance_p95_ms: { lt: 200 } },
    approvals: { production: ['change-board', 'sre'] },
  },
  manifest,
  scorecard: { passed: true },
  signals: { p95_ms: 250 },
  now: NOW,
  releaseId: 'rel-2025-10-02',
};

afterEach(() => exporter.reset());

describe('withGateSpan', () => {
  it('evaluates the input inside one deployment.gate span carrying the decision', () => {
    const decision = withGateSpan(input, tracer);
    expect(decision).toEqual(evaluateGate(input));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span?.name).toBe(GATE_SPAN_NAME);
    expect(span?.attributes).toEqual({
      'deployment.environment': 'production',
      'rollgate.gate.decision': 'reject',
      'rollgate.gate.reason_codes': ['P95_ABOVE_LIMIT', 'APPROVAL_MISSING'],
      'rollgate.release.id': 'rel-2025-10-02',
      'rollgate.gate.input_hash': decision.input_hash,
    });
    // A reject is the gate working, not an error.
    expect(span?.status.code).toBe(SpanStatusCode.OK);
  });

  it('wraps a function returning a decision', () => {
    const approved = withGateSpan(
      () => ({ ...evaluateGate(input), decision: 'approve' as const, reasons: [] }),
      tracer,
    );
    expect(approved.decision).toBe('approve');
    expect(exporter.getFinishedSpans()[0]?.attributes).toMatchObject({
      'rollgate.gate.decision': 'approve',
      'rollgate.gate.reason_codes': [],
    });
  });

  it('wraps an async function and ends the span when it settles', async () => {
    const pending = withGateSpan(async () => evaluateGate(input), tracer);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    const decision: GateDecision = await pending;
    expect(decision.decision).toBe('reject');
    expect(exporter.getFinishedSpans()[0]?.attributes['rollgate.gate.decision']).toBe('reject');
  });

  it('a function that throws marks the span as an error and rethrows', async () => {
    expect(() =>
      withGateSpan(() => {
        throw new Error('registry unreachable');
      }, tracer),
    ).toThrow('registry unreachable');
    await expect(withGateSpan(async () => Promise.reject(new Error('late failure')), tracer)).rejects.toThrow(
      'late failure',
    );
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.status.code, s.status.message])).toEqual([
      [SpanStatusCode.ERROR, 'registry unreachable'],
      [SpanStatusCode.ERROR, 'late failure'],
    ]);
    expect(spans[0]?.events[0]?.name).toBe('exception');
  });

  it('works without an SDK (the global no-op tracer)', () => {
    expect(withGateSpan(input)).toEqual(evaluateGate(input));
  });
});

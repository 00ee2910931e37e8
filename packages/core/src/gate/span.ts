import { type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { GateDecision } from '@rollgate/contract';
import { errorMessage, isRecord } from '@rollgate/contract/errors';
import { evaluateGate } from './evaluate-gate.js';
import type { GateInput } from './types.js';

/** Name of the span that wraps a gate evaluation. */
export const GATE_SPAN_NAME = 'deployment.gate';

/** Span attribute names set by `withGateSpan`. */
export const GATE_SPAN_ATTRIBUTES = {
  environment: 'deployment.environment',
  decision: 'rollgate.gate.decision',
  reasonCodes: 'rollgate.gate.reason_codes',
  releaseId: 'rollgate.release.id',
  inputHash: 'rollgate.gate.input_hash',
} as const;

function record(span: Span, decision: unknown): void {
  if (!isRecord(decision)) return;
  const { environment, decision: verdict, release_id, input_hash, reasons } = decision;
  if (typeof environment === 'string') span.setAttribute(GATE_SPAN_ATTRIBUTES.environment, environment);
  if (typeof verdict === 'string') span.setAttribute(GATE_SPAN_ATTRIBUTES.decision, verdict);
  if (typeof release_id === 'string') span.setAttribute(GATE_SPAN_ATTRIBUTES.releaseId, release_id);
  if (typeof input_hash === 'string') span.setAttribute(GATE_SPAN_ATTRIBUTES.inputHash, input_hash);
  // The codes that shaped the decision; POLICY_PASSED would only add noise to every span.
  const codes = Array.isArray(reasons)
    ? [
        ...new Set(
          reasons
            .map((r) => (isRecord(r) ? r.code : undefined))
            .filter((c): c is string => typeof c === 'string'),
        ),
      ]
    : [];
  span.setAttribute(
    GATE_SPAN_ATTRIBUTES.reasonCodes,
    codes.filter((c) => c !== 'POLICY_PASSED'),
  );
  span.setStatus({ code: SpanStatusCode.OK });
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: errorMessage(error),
  });
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * Runs a gate evaluation inside a `deployment.gate` span (through @opentelemetry/api only: a no-op
 * unless the host installed an SDK). Pass the gate input to evaluate it, or a function (sync or
 * async) returning a GateDecision, e.g. one that also persists it. The span carries
 * `deployment.environment`, `rollgate.gate.decision`, `rollgate.gate.reason_codes` (every code but
 * POLICY_PASSED), `rollgate.release.id` and `rollgate.gate.input_hash`. A reject is a normal
 * outcome (status OK); only a function that throws marks the span as an error, and is rethrown.
 */
export function withGateSpan(input: GateInput, tracer?: Tracer): GateDecision;
/** Runs a function returning a GateDecision inside a `deployment.gate` span. */
export function withGateSpan(evaluate: () => GateDecision, tracer?: Tracer): GateDecision;
/** Runs an async function returning a GateDecision inside a `deployment.gate` span. */
export function withGateSpan(evaluate: () => Promise<GateDecision>, tracer?: Tracer): Promise<GateDecision>;
export function withGateSpan(
  arg: GateInput | (() => GateDecision | Promise<GateDecision>),
  tracer: Tracer = trace.getTracer('@rollgate/core'),
): GateDecision | Promise<GateDecision> {
  return tracer.startActiveSpan(GATE_SPAN_NAME, { kind: SpanKind.INTERNAL }, (span) => {
    let result: GateDecision | Promise<GateDecision>;
    try {
      result = typeof arg === 'function' ? arg() : evaluateGate(arg);
    } catch (error) {
      fail(span, error);
      span.end();
      throw error;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (decision) => {
          record(span, decision);
          span.end();
          return decision;
        },
        (error: unknown) => {
          fail(span, error);
          span.end();
          throw error;
        },
      );
    }
    record(span, result);
    span.end();
    return result;
  });
}

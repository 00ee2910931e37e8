// The canary's (and any evaluator's) events, in order, through an emitter. A helper rather than an option on
// the evaluators: they stay pure (same inputs, same output) and the host decides when delivery happens.
import type { ContractIssue } from '@rollgate/contract';
import type { EmitResult, Emitter } from './types.js';

/** `emitAll`'s answer: every event's result, or the issues of the first invalid one (with its index in the path). */
export type EmitAllResult =
  | { ok: true; value: Extract<EmitResult, { ok: true }>['value'][] }
  | { ok: false; issues: ContractIssue[] };

/**
 * Emits `events` one after another (each acknowledged before the next, so order holds on every sink), e.g.
 * `emitAll(emitter, advanceCanary(plan, state, decision, now).events)`. Stops at the first invalid event:
 * the ones before it were emitted, the rest were not.
 */
export async function emitAll(
  emitter: Pick<Emitter, 'emit'>,
  events: readonly unknown[],
): Promise<EmitAllResult> {
  const values: Extract<EmitResult, { ok: true }>['value'][] = [];
  for (const [index, event] of events.entries()) {
    const result = await emitter.emit(event);
    if (!result.ok) {
      return {
        ok: false,
        issues: result.issues.map((issue) => ({
          ...issue,
          path: issue.path === '' ? `[${index}]` : `[${index}].${issue.path}`,
        })),
      };
    }
    values.push(result.value);
  }
  return { ok: true, value: values };
}

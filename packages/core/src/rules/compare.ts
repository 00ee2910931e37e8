import type { ComparisonOp } from '@rollgate/contract';

/** True when `observed <op> threshold` holds, i.e. the rule is breached. NaN never breaches. */
export function breaches(op: ComparisonOp, observed: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return observed > threshold;
    case '>=':
      return observed >= threshold;
    case '<':
      return observed < threshold;
    case '<=':
      return observed <= threshold;
    case '==':
      return observed === threshold;
    case '!=':
      return observed !== threshold && !Number.isNaN(observed);
  }
}

/**
 * Signed distance from flipping: positive on the passing side, zero or negative on the breaching side
 * (`>` at equality is 0 and passing, `>=` at equality is 0 and breaching: the status says which).
 */
export function marginOf(op: ComparisonOp, observed: number, threshold: number): number | null {
  let m: number;
  switch (op) {
    case '>':
    case '>=':
      m = threshold - observed;
      break;
    case '<':
    case '<=':
      m = observed - threshold;
      break;
    case '==':
      m = Math.abs(observed - threshold);
      break;
    case '!=':
      m = -Math.abs(observed - threshold);
      break;
  }
  return Number.isFinite(m) ? m : null;
}

/** The operator in words, for messages (`>` → `above`). */
export function opWords(op: ComparisonOp): string {
  switch (op) {
    case '>':
      return 'above';
    case '>=':
      return 'at or above';
    case '<':
      return 'below';
    case '<=':
      return 'at or below';
    case '==':
      return 'equal to';
    case '!=':
      return 'different from';
  }
}

/** True for operators whose breach can only persist as more non-negative samples are summed (`>`, `>=`). */
export function growsMonotonically(op: ComparisonOp): boolean {
  return op === '>' || op === '>=';
}

import { MAX_NAME_LENGTH, MAX_OPERATION_LENGTH } from './limits.js';

/**
 * Why `value` is not a usable name (the contract's `Name`: 1 to 256 characters, no surrounding
 * whitespace, no control characters), or undefined when it is one. `empty` is reported separately
 * because it has its own error code.
 */
export function nameProblem(value: unknown): 'empty' | string | undefined {
  return labelProblem(value, MAX_NAME_LENGTH);
}

/**
 * Why `value` is not a usable probe operation (1 to 64 characters, no surrounding whitespace, no
 * control characters: it is printed in front of `timeout after <n>ms`), or undefined when it is one.
 */
export function operationProblem(value: unknown): string | undefined {
  const problem = labelProblem(value, MAX_OPERATION_LENGTH);
  return problem === 'empty' ? 'must not be empty' : problem;
}

function labelProblem(value: unknown, maxLength: number): 'empty' | string | undefined {
  if (typeof value !== 'string') return `expected a string, got ${value === null ? 'null' : typeof value}`;
  if (value.trim() === '') return 'empty';
  if (value.length > maxLength) return `longer than ${maxLength} characters`;
  if (value !== value.trim()) return 'starts or ends with whitespace';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a control character';
  return undefined;
}

// The one "is this a plain key/value object?" test the evaluators share, so rules, canary and gate
// agree on what counts as an object (arrays do not).

/** True for an object that is neither null nor an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

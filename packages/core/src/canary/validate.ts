import { offsetMinutes, parseDuration, parseTimestamp } from '@rollgate/contract/time';
import type {
  CanaryAction,
  CanaryContext,
  CanaryPhase,
  CanaryProblem,
  CanaryReasonLike,
  CanaryState,
} from './types.js';

// Hand-written checks of the inputs: core never loads zod, and a canary must get a clear problem
// rather than a crash when a stored state or a plan is damaged.

/** A plan whose steps have been checked, with holds in milliseconds. */
export interface ValidPlan {
  readonly steps: readonly { readonly weight: number; readonly holdMs: number }[];
}

/** Outcome of a check: the value, or the problems that prevent using it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: CanaryProblem[] };

const PHASES: readonly CanaryPhase[] = ['DEPLOYMENT', 'MONITORING', 'PAUSED', 'ROLLBACK', 'PROMOTED'];
const ACTIONS: readonly CanaryAction[] = ['promote', 'continue', 'hold', 'rollback', 'block', 'inconclusive'];
const NAME_RE = /^\S(.*\S)?$/;
const ENVIRONMENT_RE = /^[a-z][a-z0-9_-]{0,62}$/;
const MAX_STEPS = 100;
const FIRST_INSTANT = Date.parse('0000-01-02T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-30T23:59:59.999Z');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Describes a value briefly for a problem message, never dumping large input. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Epoch milliseconds of an instant (finite number, valid Date or RFC 3339 string), or undefined. */
export function toEpochMs(instant: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof instant === 'number') ms = instant;
  else if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string') ms = parseTimestamp(instant);
  // Events carry RFC 3339 timestamps: only years 0000 to 9999 can be written, in any offset.
  // `+ 0` turns -0 into 0, so a state survives a JSON round trip unchanged.
  return ms !== undefined && Number.isFinite(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT
    ? ms + 0
    : undefined;
}

/** Checks an instant argument. */
export function checkInstant(instant: unknown, path: string): Checked<number> {
  const ms = toEpochMs(instant);
  if (ms !== undefined) return { ok: true, value: ms };
  const message = `${path} must be epoch milliseconds, a valid Date or an RFC 3339 timestamp (years 0000 to 9999); got ${describe(instant)}`;
  return { ok: false, problems: [{ code: 'CANARY_INVALID_TIME', path, message }] };
}

/** Checks a canary plan the way the contract's schema does, without zod. */
export function checkPlan(plan: unknown): Checked<ValidPlan> {
  const problems: CanaryProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ code: 'CANARY_INVALID_PLAN', path, message });
  if (!isRecord(plan) || !Array.isArray(plan.steps)) {
    problem(
      'plan.steps',
      `a canary plan needs a steps array; got ${describe(isRecord(plan) ? plan.steps : plan)}`,
    );
    return { ok: false, problems };
  }
  const raw: unknown[] = plan.steps;
  if (raw.length === 0) problem('plan.steps', 'a canary plan needs at least one step');
  if (raw.length > MAX_STEPS)
    problem('plan.steps', `a canary plan has at most ${MAX_STEPS} steps; got ${raw.length}`);
  const steps: { weight: number; holdMs: number }[] = [];
  raw.slice(0, MAX_STEPS).forEach((step, i) => {
    const path = `plan.steps[${i}]`;
    if (!isRecord(step)) {
      problem(path, `a step is an object { weight, hold? }; got ${describe(step)}`);
      return;
    }
    const { weight, hold } = step;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      problem(
        `${path}.weight`,
        `weight must be an integer percentage from 0 to 100; got ${describe(weight)}`,
      );
      return;
    }
    let holdMs = 0;
    if (hold !== undefined) {
      const parsed = typeof hold === 'string' ? parseDuration(hold) : undefined;
      if (parsed === undefined) {
        problem(`${path}.hold`, `hold must be a duration such as 30s, 5m or 1h; got ${describe(hold)}`);
        return;
      }
      holdMs = parsed;
    }
    const previous = steps[steps.length - 1];
    if (previous !== undefined && weight < previous.weight) {
      problem(`${path}.weight`, `step weights must not decrease: ${weight} follows ${previous.weight}`);
    }
    steps.push({ weight, holdMs });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { steps } };
}

const isInstant = (v: unknown): v is number => typeof v === 'number' && toEpochMs(v) !== undefined;
const isInstantOrNull = (v: unknown): v is number | null => v === null || isInstant(v);

/** Checks a stored state against the plan it runs on. */
export function checkState(state: unknown, plan: ValidPlan): Checked<CanaryState> {
  const problems: CanaryProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ code: 'CANARY_INVALID_STATE', path, message });
  if (!isRecord(state)) {
    problem('state', `a canary state is an object from startCanary or advanceCanary; got ${describe(state)}`);
    return { ok: false, problems };
  }
  const s = state;
  if (typeof s.phase !== 'string' || !PHASES.includes(s.phase as CanaryPhase)) {
    problem('state.phase', `phase must be one of ${PHASES.join(', ')}; got ${describe(s.phase)}`);
  }
  const index = s.stepIndex;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= plan.steps.length) {
    problem(
      'state.stepIndex',
      `stepIndex must be a step of the plan (0 to ${plan.steps.length - 1}); got ${describe(index)}`,
    );
  }
  for (const key of ['stepStartedAt', 'startedAt', 'updatedAt'] as const) {
    if (!isInstant(s[key]))
      problem(`state.${key}`, `${key} must be epoch milliseconds; got ${describe(s[key])}`);
  }
  for (const key of ['holdStartedAt', 'pausedAt'] as const) {
    if (!isInstantOrNull(s[key]))
      problem(`state.${key}`, `${key} must be epoch milliseconds or null; got ${describe(s[key])}`);
  }
  if (s.lastAction !== null && !ACTIONS.includes(s.lastAction as CanaryAction)) {
    problem(
      'state.lastAction',
      `lastAction must be a decision action or null; got ${describe(s.lastAction)}`,
    );
  }
  if (typeof s.reason !== 'string')
    problem('state.reason', `reason must be a string; got ${describe(s.reason)}`);
  if (typeof s.transitions !== 'number' || !Number.isInteger(s.transitions) || s.transitions < 0) {
    problem(
      'state.transitions',
      `transitions must be a non-negative integer; got ${describe(s.transitions)}`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const valid = s as unknown as CanaryState;
  const step = plan.steps[valid.stepIndex];
  const expectedWeight = valid.phase === 'ROLLBACK' ? 0 : step?.weight;
  if (valid.weight !== expectedWeight) {
    problem(
      'state.weight',
      `weight ${describe(valid.weight)} does not match the plan: ${valid.phase} at step ${valid.stepIndex} has weight ${expectedWeight}`,
    );
  }
  if (valid.phase === 'MONITORING' && valid.holdStartedAt === null) {
    problem('state.holdStartedAt', 'a MONITORING canary has a hold clock; holdStartedAt is null');
  }
  if (valid.phase === 'PAUSED' && valid.pausedAt === null) {
    problem('state.pausedAt', 'a PAUSED canary records when it paused; pausedAt is null');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: valid };
}

/** A decision with a known action; damaged decisions read as `inconclusive` so they never promote. */
export function checkDecision(decision: unknown): {
  action: CanaryAction;
  reasons: readonly CanaryReasonLike[];
  decidedBy: readonly unknown[];
  problems: CanaryProblem[];
} {
  const problems: CanaryProblem[] = [];
  const action = isRecord(decision) ? decision.action : undefined;
  let known: CanaryAction = 'inconclusive';
  if (typeof action === 'string' && ACTIONS.includes(action as CanaryAction)) {
    known = action as CanaryAction;
  } else {
    problems.push({
      code: 'CANARY_INVALID_DECISION',
      path: 'decision.action',
      message: `decision.action must be one of ${ACTIONS.join(', ')}; got ${describe(action)}, read as inconclusive`,
    });
  }
  const rawReasons = isRecord(decision) ? decision.reasons : undefined;
  let reasons: readonly CanaryReasonLike[] = [];
  if (Array.isArray(rawReasons)) {
    reasons = rawReasons.filter(isRecord) as readonly CanaryReasonLike[];
  } else if (rawReasons !== undefined) {
    problems.push({
      code: 'CANARY_INVALID_DECISION',
      path: 'decision.reasons',
      message: `decision.reasons must be an array when present; got ${describe(rawReasons)}, ignored`,
    });
  }
  const rawDecidedBy = isRecord(decision) ? decision.decidedBy : undefined;
  const decidedBy: readonly unknown[] = Array.isArray(rawDecidedBy) ? rawDecidedBy : [];
  return { action: known, reasons, decidedBy, problems };
}

/** Checks the event context; events are only built from a sound one. */
export function checkContext(context: unknown): Checked<CanaryContext> {
  const problems: CanaryProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ code: 'CANARY_INVALID_CONTEXT', path, message });
  if (!isRecord(context)) {
    problem(
      'context',
      `context must be { service, environment, version, correlationId }; got ${describe(context)}`,
    );
    return { ok: false, problems };
  }
  const name = (key: string, value: unknown, optional = false) => {
    if (optional && value === undefined) return;
    if (typeof value !== 'string' || value.length === 0 || value.length > 256 || !NAME_RE.test(value)) {
      problem(
        `context.${key}`,
        `${key} must be a non-empty name of at most 256 characters without surrounding spaces; got ${describe(value)}`,
      );
    }
  };
  name('service', context.service);
  name('version', context.version);
  name('correlationId', context.correlationId);
  name('taskId', context.taskId, true);
  if (typeof context.environment !== 'string' || !ENVIRONMENT_RE.test(context.environment)) {
    problem(
      'context.environment',
      `environment must be lowercase such as "production"; got ${describe(context.environment)}`,
    );
  }
  if (
    context.offset !== undefined &&
    (typeof context.offset !== 'string' || offsetMinutes(context.offset) === undefined)
  ) {
    problem('context.offset', `offset must be Z or ±hh:mm such as +08:00; got ${describe(context.offset)}`);
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: context as unknown as CanaryContext };
}

/** Prefixes the path of problems found inside a larger input (e.g. a replay log entry). */
export function underPath(prefix: string, problems: readonly CanaryProblem[]): CanaryProblem[] {
  return problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` }));
}

/** Type guard shared by the canary files. */
export { isRecord };

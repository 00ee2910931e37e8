// The chaos test's fault plan, drawn from a seed so a failing run replays exactly (ROLLGATE_CHAOS_SEED).
// fast-check's sample() is the seeded generator: no hand-written PRNG, and the plan's shape is one arbitrary.
import fc from 'fast-check';

/** A dependency the chaos test breaks, named as its probe is (and as a 503 names it). */
export type Dependency = 'Redis' | 'Postgres';

/** How a fault breaks it: `stop` refuses connections (stop/start), `pause` hangs them (SIGSTOP/SIGCONT). */
export type FaultKind = 'stop' | 'pause';

/** One step of a lane: stay healthy for `gapMs`, then apply `kind` for `durationMs`. */
export interface FaultStep {
  readonly gapMs: number;
  readonly kind: FaultKind;
  readonly durationMs: number;
}

/** Bounds of the plan; gaps should exceed the recovery bound so each outage's recovery can be judged alone. */
export interface ScheduleBounds {
  readonly minGapMs: number;
  readonly maxGapMs: number;
  readonly minFaultMs: number;
  readonly maxFaultMs: number;
  /** Steps per lane; a lane stops early when the run's time is up. */
  readonly steps: number;
}

/** One lane of faults per dependency; lanes run concurrently, so Redis and Postgres outages may overlap. */
export type FaultPlan = Readonly<Record<Dependency, readonly FaultStep[]>>;

/** A fresh seed when none is given (printed by the test so the run can be replayed). */
export function chooseSeed(fromEnv: string | undefined): number {
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isSafeInteger(seed))
      throw new Error(`ROLLGATE_CHAOS_SEED must be an integer, got "${fromEnv}"`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** The plan for `seed`: the same seed always gives the same plan. */
export function faultPlan(seed: number, bounds: ScheduleBounds): FaultPlan {
  const step = fc.record({
    gapMs: fc.integer({ min: bounds.minGapMs, max: bounds.maxGapMs }),
    kind: fc.constantFrom<FaultKind>('stop', 'pause'),
    durationMs: fc.integer({ min: bounds.minFaultMs, max: bounds.maxFaultMs }),
  });
  const lane = fc.array(step, { minLength: bounds.steps, maxLength: bounds.steps });
  const [plan] = fc.sample(fc.record({ Redis: lane, Postgres: lane }), { seed, numRuns: 1 });
  if (plan === undefined) throw new Error('fast-check drew no plan');
  return plan;
}

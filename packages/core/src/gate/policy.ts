import { type ParsedBound, parseBound } from './bound.js';
import { type Finding, reject } from './finding.js';
import { describe, isEnvironment, isName, isRecord } from './read.js';

/** The gate policy as the checks use it, with defaults applied. */
export interface ReadPolicy {
  /** Enforced when true: the scorecard must say the readiness run passed. */
  readonly readinessPassed: boolean;
  /** Enforced when set. */
  readonly p95: ParsedBound | undefined;
  /** Enforced when set. */
  readonly errorRate: ParsedBound | undefined;
  /** Enforced when set. */
  readonly incidents: ParsedBound | undefined;
  /** Enforced when the policy says `readiness_waiver_expired: false`. */
  readonly readinessWaiverMustBeValid: boolean;
  /** Required roles per environment; undefined when the policy has no roster. */
  readonly roster: Readonly<Record<string, readonly string[]>> | undefined;
  /** Oldest acceptable rollback rehearsal, in days (default 30). */
  readonly maxRehearsalAgeDays: number;
  /** Whether waivers may cover a breach (default true). */
  readonly allowWaivers: boolean;
  /** Problems found in the policy document. */
  readonly findings: Finding[];
}

/** Default freshness of the rollback rehearsal (the runbook's "within 30 days"). */
export const DEFAULT_MAX_REHEARSAL_AGE_DAYS = 30;

const POLICY_KEYS = [
  'readiness_passed',
  'performance_p95_ms',
  'error_rate',
  'open_critical_incidents',
  'readiness_waiver_expired',
];
const TOP_KEYS = ['schema_version', 'policies', 'approvals', 'max_rehearsal_age_days', 'allow_waivers'];

/**
 * Reads a gate policy without zod. Anything the gate cannot understand is a POLICY_INVALID
 * finding (it rejects): an unknown policy name in particular is never silently ignored, because
 * its author believes it is enforced.
 */
export function readPolicy(policy: unknown): ReadPolicy {
  const findings: Finding[] = [];
  const invalid = (name: string, message: string) =>
    findings.push(reject('POLICY_INVALID', message, { policy: name }));
  const doc = isRecord(policy) ? policy : {};
  if (!isRecord(policy))
    invalid('policy', `the gate policy must be an object with a policies map; got ${describe(policy)}`);
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key))
      invalid('policy', `unknown gate policy field "${key.slice(0, 60)}"; expected ${TOP_KEYS.join(', ')}`);
  }
  const policies = isRecord(doc.policies) ? doc.policies : {};
  if (isRecord(policy) && !isRecord(doc.policies))
    invalid('policies', `policy.policies must be an object; got ${describe(doc.policies)}`);
  for (const key of Object.keys(policies)) {
    if (!POLICY_KEYS.includes(key))
      invalid(
        'policies',
        `unknown policy "${key.slice(0, 60)}"; the gate enforces ${POLICY_KEYS.join(', ')}`,
      );
  }

  const flag = (name: string): boolean | undefined => {
    const value = policies[name];
    if (value === undefined || typeof value === 'boolean') return value;
    invalid(name, `${name} must be true or false; got ${describe(value)}`);
    return undefined;
  };
  const bound = (name: string): ParsedBound | undefined => {
    const value = policies[name];
    if (value === undefined) return undefined;
    const parsed = parseBound(value);
    if (parsed.ok) return parsed.bound;
    invalid(name, `${name}: ${parsed.message}`);
    return undefined;
  };

  let roster: Record<string, readonly string[]> | undefined;
  if (doc.approvals !== undefined) {
    if (!isRecord(doc.approvals)) {
      invalid('approvals', `approvals must map environments to role lists; got ${describe(doc.approvals)}`);
    } else {
      roster = {};
      for (const [env, roles] of Object.entries(doc.approvals)) {
        const shown = env.slice(0, 60);
        if (!isEnvironment(env))
          invalid('approvals', `approvals: "${shown}" is not a lowercase environment name`);
        if (!Array.isArray(roles) || !roles.every(isName)) {
          invalid('approvals', `approvals.${shown} must be a list of role names; got ${describe(roles)}`);
          continue;
        }
        roster[env] = [...new Set(roles)];
      }
    }
  }

  let maxRehearsalAgeDays = DEFAULT_MAX_REHEARSAL_AGE_DAYS;
  const maxAge = doc.max_rehearsal_age_days;
  if (maxAge !== undefined) {
    if (typeof maxAge === 'number' && Number.isFinite(maxAge) && maxAge >= 0 && maxAge <= 3650)
      maxRehearsalAgeDays = maxAge;
    else
      invalid(
        'max_rehearsal_age_days',
        `max_rehearsal_age_days must be a number of days from 0 to 3650; got ${describe(maxAge)}`,
      );
  }
  const allowWaivers = doc.allow_waivers;
  if (allowWaivers !== undefined && typeof allowWaivers !== 'boolean') {
    invalid('allow_waivers', `allow_waivers must be true or false; got ${describe(allowWaivers)}`);
  }

  return {
    readinessPassed: flag('readiness_passed') === true,
    p95: bound('performance_p95_ms'),
    errorRate: bound('error_rate'),
    incidents: bound('open_critical_incidents'),
    readinessWaiverMustBeValid: flag('readiness_waiver_expired') === false,
    roster,
    maxRehearsalAgeDays,
    // A damaged switch reads as "no waivers": the stricter reading.
    allowWaivers: allowWaivers === undefined || allowWaivers === true,
    findings,
  };
}

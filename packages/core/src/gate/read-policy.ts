// The gate policy, read with the contract's schema. A policy parseContract refuses still yields
// what can be enforced from it (each field read with its own schema), but its issues reject the
// decision: a damaged policy never approves, and an unknown policy name is never silently ignored,
// because its author believes it is enforced.
import {
  type ContractIssue,
  formatPath,
  GatePolicies,
  GatePolicy,
  parseContract,
  SCHEMA_VERSION,
} from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { boundOf, type ParsedBound } from './bound.js';
import { GATE_ISSUE_CODES } from './codes.js';
import { readValid } from './schema-read.js';

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
  /** Whether the manifest must carry a verified signature (default false). */
  readonly requireSignature: boolean;
}

/** What the gate enforces from a policy, and the issues that make the decision reject. */
export interface PolicyRead {
  /** The enforceable part of the policy. */
  readonly policy: ReadPolicy;
  /** parseContract's issues, or policies of a newer schema this gate does not enforce; empty when sound. */
  readonly issues: ContractIssue[];
}

/** Default freshness of the rollback rehearsal (the runbook's "within 30 days"). */
export const DEFAULT_MAX_REHEARSAL_AGE_DAYS = 30;

/** Reads a gate policy, raw or parsed, with the contract's `gate-policy` schema. */
export function readPolicy(input: unknown): PolicyRead {
  const parsed = parseContract('gate-policy', input);
  if (parsed.ok) return { policy: enforced(parsed.value), issues: unenforced(parsed.value) };
  return { policy: enforced(salvage(input)), issues: parsed.issues };
}

function enforced(doc: GatePolicy): ReadPolicy {
  const { policies } = doc;
  const bound = (b: GatePolicies['error_rate']) => (b === undefined ? undefined : boundOf(b));
  return {
    readinessPassed: policies.readiness_passed === true,
    p95: bound(policies.performance_p95_ms),
    errorRate: bound(policies.error_rate),
    incidents: bound(policies.open_critical_incidents),
    readinessWaiverMustBeValid: policies.readiness_waiver_expired === false,
    roster:
      doc.approvals &&
      Object.fromEntries(Object.entries(doc.approvals).map(([env, roles]) => [env, [...new Set(roles)]])),
    maxRehearsalAgeDays: doc.max_rehearsal_age_days ?? DEFAULT_MAX_REHEARSAL_AGE_DAYS,
    allowWaivers: doc.allow_waivers !== false,
    requireSignature: doc.require_signature === true,
  };
}

// A newer 1.x policy parses with its unknown fields kept (a policy name, a bound key), and the gate
// cannot enforce them. The strict schema finds exactly those: everything else parseContract checked.
function unenforced(doc: GatePolicy): ContractIssue[] {
  const strict = GatePolicy.safeParse(doc);
  if (strict.success) return [];
  const why = `is not enforced by this gate (schema_version ${doc.schema_version} is newer than ${SCHEMA_VERSION}); remove it or upgrade rollgate`;
  return strict.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          code: GATE_ISSUE_CODES.unenforcedPolicy,
          path: formatPath([...issue.path, key]),
          message: `"${key}" ${why}`,
        }))
      : [
          {
            code: GATE_ISSUE_CODES.unenforcedPolicy,
            path: formatPath(issue.path),
            message: `this value ${why}`,
          },
        ],
  );
}

// What a refused policy still says, each field read with its own schema. Whatever the salvage
// finds, the issues reject the decision; it only keeps the other reasons as informative as they can be.
function salvage(input: unknown): GatePolicy {
  const doc = isRecord(input) ? input : {};
  const raw = isRecord(doc.policies) ? doc.policies : {};
  const policies = Object.entries(GatePolicies.shape).map(([key, schema]) => [
    key,
    readValid(schema, raw[key]),
  ]);
  return {
    policies: Object.fromEntries(policies) as GatePolicies,
    approvals: salvageRoster(doc.approvals),
    max_rehearsal_age_days: readValid(GatePolicy.shape.max_rehearsal_age_days, doc.max_rehearsal_age_days),
    // A damaged switch reads as "no waivers": the stricter reading.
    allow_waivers:
      readValid(GatePolicy.shape.allow_waivers, doc.allow_waivers) ?? doc.allow_waivers === undefined,
    // A damaged switch reads as "signature required": the stricter reading.
    require_signature:
      readValid(GatePolicy.shape.require_signature, doc.require_signature) ??
      doc.require_signature !== undefined,
  };
}

// The environments whose roster reads; a roster that is not a map at all checks no approvals.
function salvageRoster(raw: unknown): GatePolicy['approvals'] {
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw).flatMap(([env, roles]) => {
    const read = readValid(GatePolicy.shape.approvals, { [env]: roles });
    return read === undefined ? [] : Object.entries(read);
  });
  return Object.fromEntries(entries);
}

import type { GateReasonCode } from './codes.js';
import { type Finding, reject } from './finding.js';
import { describe, field, isName, isRecord, timestampMs } from './read.js';

/** An approval the gate could read. */
export interface ReadApproval {
  readonly role: string;
  readonly actor: string;
  readonly at: number;
  readonly timestamp: string;
}

/** The gate policies a waiver may cover. */
export type WaivablePolicy =
  | 'readiness_passed'
  | 'performance_p95_ms'
  | 'error_rate'
  | 'open_critical_incidents'
  | 'max_rehearsal_age_days';

/** A waiver the gate could read. */
export interface ReadWaiver {
  readonly id: string;
  readonly policy: WaivablePolicy;
  readonly expiresAt: number;
  readonly expires_at: string;
}

/** The parts of the manifest (and of the extra approvals and waivers) the gate reads. */
export interface ReadManifest {
  readonly release: string | undefined;
  readonly environment: unknown;
  readonly approvals: readonly ReadApproval[];
  /** Waivers listed in the manifest; a registry copy of the same id can only shorten its life. */
  readonly waivers: readonly ReadWaiver[];
  /** Waivers passed in but not listed in the manifest: they never apply, and are named when they would have. */
  readonly unlisted: readonly ReadWaiver[];
  readonly rehearsedAt: unknown;
  readonly findings: Finding[];
}

const WAIVABLE: readonly string[] = [
  'readiness_passed',
  'performance_p95_ms',
  'error_rate',
  'open_critical_incidents',
  'max_rehearsal_age_days',
];

type Source = { readonly code: GateReasonCode };
const MANIFEST: Source = { code: 'MANIFEST_INVALID' };
const INPUT: Source = { code: 'INPUT_INVALID' };

function readApprovals(list: unknown, src: Source, path: string, findings: Finding[]): ReadApproval[] {
  if (list === undefined && src !== MANIFEST) return [];
  if (!Array.isArray(list)) {
    findings.push(
      reject(src.code, `${path} must be a list of approvals; got ${describe(list)}`, { policy: 'approvals' }),
    );
    return [];
  }
  const out: ReadApproval[] = [];
  list.forEach((entry, i) => {
    const role = field(entry, 'role');
    const actor = field(entry, 'actor');
    const timestamp = field(entry, 'timestamp');
    const at = timestampMs(timestamp);
    if (!isName(role) || !isName(actor) || at === undefined || typeof timestamp !== 'string') {
      const message = `${path}[${i}] is not an approval { role, actor, timestamp (RFC 3339) }: role ${describe(role)}, actor ${describe(actor)}, timestamp ${describe(timestamp)}; it does not count`;
      findings.push(reject(src.code, message, { policy: 'approvals' }));
      return;
    }
    out.push({ role, actor, at, timestamp });
  });
  return out;
}

function readWaivers(list: unknown, src: Source, path: string, findings: Finding[]): ReadWaiver[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    findings.push(
      reject(src.code, `${path} must be a list of waivers; got ${describe(list)}`, { policy: 'waivers' }),
    );
    return [];
  }
  const out: ReadWaiver[] = [];
  list.forEach((entry, i) => {
    const id = field(entry, 'id');
    const policy = field(entry, 'policy');
    const expires = field(entry, 'expires_at');
    const expiresAt = timestampMs(expires);
    const reason = field(entry, 'reason');
    const ok =
      isName(id) &&
      typeof policy === 'string' &&
      WAIVABLE.includes(policy) &&
      typeof expires === 'string' &&
      expiresAt !== undefined &&
      isName(field(entry, 'approved_by')) &&
      typeof reason === 'string' &&
      reason.trim() !== '';
    if (!ok) {
      const message = `${path}[${i}] is not a waiver { id, policy (${WAIVABLE.join(' | ')}), reason, approved_by, expires_at }; it does not apply`;
      findings.push(
        reject(src.code, message, { policy: 'waivers', ...(isName(id) ? { waiver_id: id } : {}) }),
      );
      return;
    }
    out.push({ id, policy: policy as WaivablePolicy, expiresAt, expires_at: expires });
  });
  return out;
}

/** Reads the manifest and the extra approvals and waivers; damaged parts become findings that reject. */
export function readManifest(
  manifest: unknown,
  extraApprovals: unknown,
  extraWaivers: unknown,
): ReadManifest {
  const findings: Finding[] = [];
  if (!isRecord(manifest)) {
    findings.push(
      reject('MANIFEST_INVALID', `the release manifest must be an object; got ${describe(manifest)}`, {
        policy: 'manifest',
      }),
    );
  }
  const approvals = [
    ...readApprovals(field(manifest, 'approvals'), MANIFEST, 'manifest.approvals', findings),
    ...readApprovals(extraApprovals, INPUT, 'approvals', findings),
  ];
  const listed = readWaivers(field(manifest, 'waivers'), MANIFEST, 'manifest.waivers', findings);
  const registry = readWaivers(extraWaivers, INPUT, 'waivers', findings);
  const listedIds = new Set(listed.map((w) => w.id));
  const waivers = listed.map((w) => {
    const copies = registry.filter((r) => r.id === w.id);
    const earliest = copies.reduce((min, r) => (r.expiresAt < min.expiresAt ? r : min), w);
    return earliest === w ? w : { ...w, expiresAt: earliest.expiresAt, expires_at: earliest.expires_at };
  });
  const release = field(manifest, 'release');
  if (isRecord(manifest) && !isName(release)) {
    findings.push(
      reject('MANIFEST_INVALID', `manifest.release must name the release; got ${describe(release)}`, {
        policy: 'manifest',
      }),
    );
  }
  return {
    release: isName(release) ? release : undefined,
    environment: field(field(manifest, 'metadata'), 'environment'),
    approvals,
    waivers,
    unlisted: registry.filter((r) => !listedIds.has(r.id)),
    rehearsedAt: field(field(manifest, 'rollback_plan'), 'rehearsed_at'),
    findings,
  };
}

// The manifest as the checks see it: approvals with their instants (the manifest's and those passed
// in), and waivers after the registry had its say. A registry copy of a listed waiver can only
// shorten its life; a waiver that is only in the registry never applies.
import type { Approval, Waiver } from '@rollgate/contract';
import { parseTimestamp } from '@rollgate/contract/time';
import type { ManifestParts } from './read-manifest.js';

/** An approval with its instant. */
export interface ReadApproval {
  /** Role the approver acted in; matches the roster exactly. */
  readonly role: string;
  /** Who approved. */
  readonly actor: string;
  /** Epoch ms of `timestamp`. */
  readonly at: number;
  /** As written. */
  readonly timestamp: string;
}

/** The gate policies a waiver may cover (the contract's list). */
export type WaivablePolicy = Waiver['policy'];

/** A waiver with its expiry instant. */
export interface ReadWaiver {
  /** Waiver id, as listed in the manifest. */
  readonly id: string;
  /** The policy it covers. */
  readonly policy: WaivablePolicy;
  /** Epoch ms of `expires_at`. */
  readonly expiresAt: number;
  /** As written (the registry's, when that one expires earlier). */
  readonly expires_at: string;
}

/** What the checks read of the manifest and of the approvals and waivers passed beside it. */
export interface ManifestView {
  /** The manifest's approvals and the extra ones. */
  readonly approvals: readonly ReadApproval[];
  /** Waivers listed in the manifest, each with the earliest expiry any copy of it gives. */
  readonly waivers: readonly ReadWaiver[];
  /** Waivers passed in but not listed in the manifest: they never apply, and are named when they would have. */
  readonly unlisted: readonly ReadWaiver[];
  /** `rollback_plan.rehearsed_at`, when sound. */
  readonly rehearsedAt: string | undefined;
}

// The schemas admitted only real RFC 3339 timestamps; NaN would make the record count for nothing.
const ms = (timestamp: string): number => parseTimestamp(timestamp) ?? Number.NaN;

const toApproval = (a: Approval): ReadApproval => ({
  role: a.role,
  actor: a.actor,
  at: ms(a.timestamp),
  timestamp: a.timestamp,
});
const toWaiver = (w: Waiver): ReadWaiver => ({
  id: w.id,
  policy: w.policy,
  expiresAt: ms(w.expires_at),
  expires_at: w.expires_at,
});

/** Combines the manifest with the approvals and registry waivers passed beside it. */
export function viewManifest(
  manifest: ManifestParts,
  extraApprovals: readonly Approval[],
  registryWaivers: readonly Waiver[],
): ManifestView {
  const registry = registryWaivers.map(toWaiver);
  const listed = manifest.waivers.map(toWaiver);
  const listedIds = new Set(listed.map((w) => w.id));
  const waivers = listed.map((w) => {
    let earliest = w;
    for (const r of registry) if (r.id === w.id && r.expiresAt < earliest.expiresAt) earliest = r;
    return earliest === w ? w : { ...w, expiresAt: earliest.expiresAt, expires_at: earliest.expires_at };
  });
  return {
    approvals: [...manifest.approvals, ...extraApprovals].map(toApproval),
    waivers,
    unlisted: registry.filter((r) => !listedIds.has(r.id)),
    rehearsedAt: manifest.rehearsedAt,
  };
}

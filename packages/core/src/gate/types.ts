import type { Approval, GatePolicy, ReleaseManifest, Scorecard, Waiver } from '@rollgate/contract';

/** Live measurements the gate reads (from OTEL or Prometheus); they take precedence over the scorecard. */
export interface GateSignals {
  /** p95 latency in milliseconds. */
  readonly p95_ms?: number;
  /** Error ratio from 0 to 1. */
  readonly error_rate?: number;
  /** Open critical incidents right now. */
  readonly open_critical_incidents?: number;
}

/**
 * The verdict of a manifest signature check made outside the gate (the CLI verifies the DSSE envelope): the gate
 * stays pure and only reads whether it verified, and why not.
 */
export interface GateSignature {
  /** True when the signature verified over exactly this manifest. */
  readonly verified: boolean;
  /** Why it did not verify, e.g. `manifest_changed`, `signature_invalid`. */
  readonly reason?: string;
}

/**
 * Everything `evaluateGate` judges; the same input always gives the same decision. The documents
 * may be parsed values or raw ones (e.g. straight from `JSON.parse`): the gate reads the policy
 * with `parseContract('gate-policy', …)`, the manifest with `parseContract('release-manifest', …)`,
 * and each extra approval and waiver with the manifest's own schemas.
 */
export interface GateInput {
  /** Thresholds, approval roster per environment, rehearsal freshness, waiver switch. */
  readonly policy: GatePolicy;
  /** The release manifest: approvals, waivers, rollback plan, target environment. */
  readonly manifest: ReleaseManifest;
  /** The readiness scorecard of the release's readiness run. */
  readonly scorecard?: Scorecard;
  /** Live signals; each one read by a policy must be present here or, for p95 and error rate, in the scorecard. */
  readonly signals?: GateSignals;
  /** The manifest's signature check; with `require_signature` in the policy, absent or unverified rejects. */
  readonly signature?: GateSignature;
  /** Approvals recorded after the manifest was written; they count together with the manifest's. */
  readonly approvals?: readonly Approval[];
  /**
   * Waiver records from the governance registry. Only waivers listed in the manifest (by id) apply;
   * for such an id the earlier expiry of the two records wins.
   */
  readonly waivers?: readonly Waiver[];
  /** Decision instant: epoch milliseconds, a Date or an RFC 3339 timestamp. */
  readonly now: number | Date | string;
  /** Release id of the decision record (default: `manifest.release`). */
  readonly releaseId?: string;
  /** Environment being deployed to (default: `manifest.metadata.environment`). */
  readonly environment?: string;
  /** RFC 3339 offset of `decided_at` (default `Z`). */
  readonly offset?: string;
}

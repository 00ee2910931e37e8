// The release manifest, read with the contract's schema. A manifest parseContract refuses rejects
// the decision, but what is still sound in it is kept (each part read with its own schema), so one
// damaged approval does not hide the others and every reason stays as precise as it can be.
import {
  type Approval,
  type ContractIssue,
  parseContract,
  ReleaseManifest,
  RollbackPlan,
  type Waiver,
} from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { field } from './inputs.js';
import { readEach, readValid } from './schema-read.js';

/** The parts of the manifest the gate reads, each present only when sound. */
export interface ManifestParts {
  /** `release`: names the decision record. */
  readonly release: string | undefined;
  /** `metadata.environment`: the environment the release targets. */
  readonly environment: string | undefined;
  /** `approvals` that read as approvals. */
  readonly approvals: readonly Approval[];
  /** `waivers` that read as waivers. */
  readonly waivers: readonly Waiver[];
  /** `rollback_plan.rehearsed_at`. */
  readonly rehearsedAt: string | undefined;
}

/** The sound parts of a manifest, and parseContract's issues (empty when the manifest is sound). */
export interface ManifestRead {
  /** What the gate can use. */
  readonly manifest: ManifestParts;
  /** Exactly as parseContract gives them; each rejects the decision. */
  readonly issues: ContractIssue[];
}

/** Reads a release manifest, raw or parsed, with the contract's `release-manifest` schema. */
export function readManifest(input: unknown): ManifestRead {
  const parsed = parseContract('release-manifest', input);
  if (!parsed.ok) return { manifest: salvage(input), issues: parsed.issues };
  const doc = parsed.value;
  return {
    manifest: {
      release: doc.release,
      environment: doc.metadata.environment,
      approvals: doc.approvals,
      waivers: doc.waivers ?? [],
      rehearsedAt: doc.rollback_plan.rehearsed_at,
    },
    issues: [],
  };
}

function salvage(input: unknown): ManifestParts {
  const doc = isRecord(input) ? input : {};
  const { shape } = ReleaseManifest;
  return {
    release: readValid(shape.release, doc.release),
    environment: readValid(shape.metadata.shape.environment, field(doc.metadata, 'environment')),
    approvals: readEach(shape.approvals, doc.approvals, 'approvals').items,
    waivers: readEach(shape.waivers.unwrap(), doc.waivers, 'waivers').items,
    rehearsedAt: readValid(RollbackPlan.shape.rehearsed_at, field(doc.rollback_plan, 'rehearsed_at')),
  };
}

import type { ManifestView } from './manifest-view.js';
import type { ReadPolicy } from './read-policy.js';
import type { GateSignature } from './types.js';

/** What every check reads: the decision instant, the policy and the manifest, already read. */
export interface GateContext {
  /** Decision instant, epoch ms. */
  readonly now: number;
  /** The decision instant as written in `decided_at`. */
  readonly nowText: string;
  /** The enforceable part of the policy. */
  readonly policy: ReadPolicy;
  /** The sound parts of the manifest, with the approvals and waivers passed beside it. */
  readonly manifest: ManifestView;
  /** The environment the release goes to, when known and well formed. */
  readonly environment: string | undefined;
  /** The scorecard as given (an object or undefined; its fields may be damaged). */
  readonly scorecard: unknown;
  /** The signals as given (an object or undefined; its fields may be damaged). */
  readonly signals: unknown;
  /** The manifest's signature check, when one was made and reads. */
  readonly signature: GateSignature | undefined;
}

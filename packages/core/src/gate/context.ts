import type { ReadManifest } from './manifest.js';
import type { ReadPolicy } from './policy.js';

/** What every check reads: the decision instant, the policy and the manifest, already read. */
export interface GateContext {
  /** Decision instant, epoch ms. */
  readonly now: number;
  /** The decision instant as written in `decided_at`. */
  readonly nowText: string;
  readonly policy: ReadPolicy;
  readonly manifest: ReadManifest;
  /** The environment the release goes to, when known and well formed. */
  readonly environment: string | undefined;
  /** The scorecard as given (may be damaged). */
  readonly scorecard: unknown;
  /** The signals as given (may be damaged). */
  readonly signals: unknown;
}

// Issue codes of the release tooling (manifest assembly, approvals, signatures); defined once, used everywhere.

/** Issue codes `assembleManifest`, `appendApproval` and `verifyManifestSignature` return. */
export const RELEASE_CODES = {
  /** `--artifact NAME=PATH` names an artifact the release config does not list. */
  unknownArtifact: 'unknown_artifact',
  /** An artifact of the release config has no file to hash: no `path` and no `--artifact`. */
  artifactUnresolved: 'artifact_unresolved',
  /** The manifest file is not JSON (approvals are appended to JSON manifests). */
  notJson: 'not_json',
  /** The role is not on the environment's approval roster. */
  roleNotOnRoster: 'role_not_on_roster',
  /** The policy has no approval roster for the manifest's environment. */
  noRoster: 'no_roster',
} as const;

/** Why a signature check failed; each is its own reason, so CI logs say what went wrong. */
export const SIGNATURE_FAILURES = {
  /** The envelope is not a DSSE envelope (JSON shape, base64 fields). */
  envelopeInvalid: 'envelope_invalid',
  /** The envelope signs another payload type than a rollgate release manifest. */
  payloadType: 'payload_type',
  /** The public key could not be read as an Ed25519 key. */
  keyInvalid: 'key_invalid',
  /** No signature verifies with this key: another key signed it, or the envelope was altered. */
  signatureInvalid: 'signature_invalid',
  /** The signature is good but the manifest is not the one signed: it was changed after signing. */
  manifestChanged: 'manifest_changed',
} as const;

/** One reason a signature check failed. */
export type SignatureFailure = (typeof SIGNATURE_FAILURES)[keyof typeof SIGNATURE_FAILURES];

// Subpath '@rollgate/contract/release': the release tooling behind `rollgate manifest`, `approve`, `sign` and
// `verify` — manifest assembly, approvals appended in place, RFC 8785 canonical JSON and DSSE Ed25519 signatures.

export {
  type AppendApprovalOptions,
  type AppendedApproval,
  appendApproval,
  detectFormatting,
} from './release/approvals.js';
export { type AssembleManifestInput, assembleManifest, digestStream } from './release/assemble.js';
export { canonicalJson, type JsonValue } from './release/canonical-json.js';
export { RELEASE_CODES, SIGNATURE_FAILURES, type SignatureFailure } from './release/codes.js';
export {
  DsseEnvelope,
  DsseSignature,
  preAuthEncoding,
  RELEASE_MANIFEST_PAYLOAD_TYPE,
} from './release/dsse.js';
export {
  type KeyInput,
  keyIdOf,
  type SignatureVerification,
  signManifest,
  verifyManifestSignature,
} from './release/signature.js';

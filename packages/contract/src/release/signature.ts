// Signing and verifying a release manifest: a DSSE envelope over the manifest's RFC 8785 canonical JSON, signed
// with Ed25519 from node:crypto. Verification never throws: every failure is a reason a pipeline can print.
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { errorMessage } from '../errors/describe-value.js';
import { canonicalJson } from './canonical-json.js';
import { SIGNATURE_FAILURES, type SignatureFailure } from './codes.js';
import { DsseEnvelope, preAuthEncoding, RELEASE_MANIFEST_PAYLOAD_TYPE } from './dsse.js';

/** A key as node:crypto takes it: a KeyObject, or PEM text. */
export type KeyInput = KeyObject | string | Buffer;

/** Result of `verifyManifestSignature`: the key id that verified, or why nothing did. */
export type SignatureVerification =
  | { ok: true; keyid: string }
  | { ok: false; reason: SignatureFailure; message: string };

const asPrivateKey = (key: KeyInput) => (key instanceof KeyObject ? key : createPrivateKey(key));
// A private key also yields its public half, so `verify` accepts either.
const asPublicKey = (key: KeyInput) =>
  key instanceof KeyObject && key.type === 'public' ? key : createPublicKey(key);

/** The key id rollgate writes: `sha256:` of the public key's DER SubjectPublicKeyInfo. */
export function keyIdOf(key: KeyInput): string {
  const der = asPublicKey(key).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/**
 * Signs a release manifest (any JSON value; validate it first) with an Ed25519 private key: a DSSE envelope whose
 * payload is the manifest's canonical JSON. Throws node:crypto's error for a key that is not an Ed25519 private key.
 */
export function signManifest(manifest: unknown, privateKey: KeyInput): DsseEnvelope {
  const key = asPrivateKey(privateKey);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`expected an Ed25519 private key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  const payload = Buffer.from(canonicalJson(manifest), 'utf8');
  const sig = sign(null, preAuthEncoding(RELEASE_MANIFEST_PAYLOAD_TYPE, payload), key);
  return {
    payloadType: RELEASE_MANIFEST_PAYLOAD_TYPE,
    payload: payload.toString('base64'),
    signatures: [{ keyid: keyIdOf(createPublicKey(key)), sig: sig.toString('base64') }],
  };
}

const fail = (reason: SignatureFailure, message: string): SignatureVerification => ({
  ok: false,
  reason,
  message,
});

/**
 * Checks that `envelope` is a DSSE envelope signed by `publicKey` over exactly this manifest's canonical JSON.
 * Never throws; each failure has its own reason (`SIGNATURE_FAILURES`).
 */
export function verifyManifestSignature(
  manifest: unknown,
  envelope: unknown,
  publicKey: KeyInput,
): SignatureVerification {
  const parsed = DsseEnvelope.safeParse(envelope);
  if (!parsed.success)
    return fail(
      SIGNATURE_FAILURES.envelopeInvalid,
      `not a DSSE envelope: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  const { payloadType, payload, signatures } = parsed.data;
  if (payloadType !== RELEASE_MANIFEST_PAYLOAD_TYPE)
    return fail(
      SIGNATURE_FAILURES.payloadType,
      `payload type is "${payloadType}", expected "${RELEASE_MANIFEST_PAYLOAD_TYPE}"`,
    );
  let key: KeyObject;
  try {
    key = asPublicKey(publicKey);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
  } catch (error) {
    return fail(SIGNATURE_FAILURES.keyInvalid, `not an Ed25519 public key: ${errorMessage(error)}`);
  }
  const body = Buffer.from(payload, 'base64');
  const pae = preAuthEncoding(payloadType, body);
  const good = signatures.some((s) => {
    try {
      return verify(null, pae, key, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
  if (!good)
    return fail(
      SIGNATURE_FAILURES.signatureInvalid,
      `no signature verifies with key ${keyIdOf(key)}: signed by another key, or the envelope was altered`,
    );
  let expected: string;
  try {
    expected = canonicalJson(manifest);
  } catch (error) {
    return fail(SIGNATURE_FAILURES.manifestChanged, errorMessage(error));
  }
  if (body.toString('utf8') !== expected)
    return fail(
      SIGNATURE_FAILURES.manifestChanged,
      'the signature is good, but the manifest differs from the one signed (changed after signing)',
    );
  return { ok: true, keyid: keyIdOf(key) };
}

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { preAuthEncoding, RELEASE_MANIFEST_PAYLOAD_TYPE } from './dsse.js';
import { keyIdOf, signManifest, verifyManifestSignature } from './signature.js';

const manifest = JSON.parse(
  readFileSync(
    new URL('../../fixtures/v1.0.0/release-manifest/valid/runbook-example.json', import.meta.url),
    'utf8',
  ),
);
const keys = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pub = keys.publicKey.export({ type: 'spki', format: 'pem' }) as string;

describe('preAuthEncoding', () => {
  it('matches the DSSE protocol example byte for byte', () => {
    const pae = preAuthEncoding('http://example.com/HelloWorld', new TextEncoder().encode('hello world'));
    expect(Buffer.from(pae).toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters', () => {
    const pae = preAuthEncoding('t/é', new TextEncoder().encode('€'));
    expect(Buffer.from(pae).toString('utf8')).toBe('DSSEv1 4 t/é 3 €');
  });
});

describe('signManifest and verifyManifestSignature', () => {
  it('round-trips: the envelope carries the canonical JSON and verifies with the public key', () => {
    const envelope = signManifest(manifest, pem);
    expect(envelope.payloadType).toBe(RELEASE_MANIFEST_PAYLOAD_TYPE);
    expect(Buffer.from(envelope.payload, 'base64').toString('utf8')).toBe(canonicalJson(manifest));
    expect(envelope.signatures[0]?.keyid).toBe(keyIdOf(pub));
    expect(verifyManifestSignature(manifest, envelope, pub)).toEqual({ ok: true, keyid: keyIdOf(pub) });
  });

  it('verifies a manifest whose keys were reordered: the signature covers canonical JSON', () => {
    const envelope = signManifest(manifest, keys.privateKey);
    const reordered = Object.fromEntries(Object.entries(manifest).reverse());
    expect(verifyManifestSignature(reordered, envelope, keys.publicKey).ok).toBe(true);
  });

  it('refuses a manifest changed after signing with manifest_changed', () => {
    const envelope = signManifest(manifest, pem);
    const tampered = structuredClone(manifest);
    tampered.artifacts[0].version = '1.4.1';
    expect(verifyManifestSignature(tampered, envelope, pub)).toMatchObject({
      ok: false,
      reason: 'manifest_changed',
    });
  });

  it('refuses another key with signature_invalid', () => {
    const envelope = signManifest(manifest, pem);
    expect(verifyManifestSignature(manifest, envelope, other.publicKey)).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
    });
  });

  it('refuses an altered payload with signature_invalid, even when it matches the manifest given', () => {
    const envelope = signManifest(manifest, pem);
    const forged = { ...manifest, release: '2025.10.03' };
    const altered = { ...envelope, payload: Buffer.from(canonicalJson(forged)).toString('base64') };
    expect(verifyManifestSignature(forged, altered, pub)).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
    });
  });

  it('refuses another payload type, a non-envelope and a non-Ed25519 key, each with its reason', () => {
    const envelope = signManifest(manifest, pem);
    expect(
      verifyManifestSignature(manifest, { ...envelope, payloadType: 'application/vnd.in-toto+json' }, pub),
    ).toMatchObject({ reason: 'payload_type' });
    expect(verifyManifestSignature(manifest, { payload: 'x' }, pub)).toMatchObject({
      reason: 'envelope_invalid',
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifyManifestSignature(manifest, envelope, rsa)).toMatchObject({ reason: 'key_invalid' });
    expect(verifyManifestSignature(manifest, envelope, 'not a pem')).toMatchObject({ reason: 'key_invalid' });
  });

  it('never throws and never verifies on arbitrary envelopes and manifests', () => {
    const envelope = signManifest(manifest, pem);
    const arbitraryEnvelope = fc.oneof(
      fc.anything(),
      fc.record({
        payloadType: fc.oneof(fc.constant(RELEASE_MANIFEST_PAYLOAD_TYPE), fc.string()),
        payload: fc.oneof(fc.base64String(), fc.string(), fc.constant(envelope.payload)),
        signatures: fc.array(
          fc.record({
            keyid: fc.option(fc.string(), { nil: undefined }),
            sig: fc.oneof(fc.base64String(), fc.string()),
          }),
        ),
      }),
    );
    fc.assert(
      fc.property(arbitraryEnvelope, fc.oneof(fc.anything(), fc.constant(manifest)), (env, doc) => {
        const result = verifyManifestSignature(doc, env, pub);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

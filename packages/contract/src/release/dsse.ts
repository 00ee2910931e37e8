// DSSE (Dead Simple Signing Envelope, the in-toto signing format; https://github.com/secure-systems-lab/dsse,
// protocol.md): the signature covers PAE(payloadType, payload), never the bare payload, so a signature over one
// payload type cannot be replayed as another. No npm package carries DSSE alone (the sigstore libraries need Node
// 22 and bring their whole stack), and PAE is a few lines of the spec.
import { z } from 'zod';

/** The payload type of a signed rollgate release manifest (its canonical JSON). */
export const RELEASE_MANIFEST_PAYLOAD_TYPE = 'application/vnd.rollgate.release-manifest+json';

const Base64 = z
  .string()
  .max(16 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');

/** One signature of a DSSE envelope. */
export const DsseSignature = z.object({
  keyid: z.string().max(1024).optional(),
  sig: Base64.min(1),
});
/** One signature of a DSSE envelope. */
export type DsseSignature = z.infer<typeof DsseSignature>;

/** A DSSE envelope: base64 payload, its type, and at least one signature over PAE(type, payload). */
export const DsseEnvelope = z.object({
  payloadType: z.string().min(1).max(1024),
  payload: Base64,
  signatures: z.array(DsseSignature).min(1, 'a DSSE envelope carries at least one signature').max(64),
});
/** A DSSE envelope. */
export type DsseEnvelope = z.infer<typeof DsseEnvelope>;

/**
 * DSSE's Pre-Authentication Encoding: `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, LEN the byte length
 * in ASCII decimal, type as UTF-8 bytes.
 */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = new TextEncoder().encode(payloadType);
  const head = new TextEncoder().encode(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}
